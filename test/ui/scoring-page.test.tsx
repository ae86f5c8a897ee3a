// The help's "how scoring works" page, driven by keystrokes: ? then s, the rules in play, scrolled at 80×24 and whole
// at 200×50, and back to the controls or closed.
import {describe, expect, it} from 'vitest';
import {scoringRules} from '../../source/env/reward.js';
import type {PolicyMap} from '../../source/agents/runner.js';
import {SCORINGS} from '../../source/env/vocabulary.js';
import {KEY, renderApp} from './drive.js';

const idle: PolicyMap = {sre: 'noop', oversight: 'noop', dev: 'noop', manager: 'noop'};
const PAGE_DOWN = '\u001B[6~';
const PAGE_UP = '\u001B[5~';

/** The frame's text with every run of spaces made one, so that wrapped paragraphs read as they were written. */
const flowing = (frame: string) => frame.replace(/\s+/g, ' ');

async function scoringPage(options: Parameters<typeof renderApp>[0]) {
	const app = renderApp({failure: 'rogue_deploy_bot', humans: ['sre'], policies: idle, ...options});
	await app.waitFor('YOUR MOVE (SRE)');
	await app.press('?');
	await app.waitFor('s: how scoring works');
	await app.press('s');
	await app.waitFor('HOW SCORING WORKS');
	return app;
}

describe('how scoring works (? then s)', () => {
	it.each(SCORINGS)('at 200×50 shows every rule of the %s scoring whole, with how the incident is won', async scoring => {
		const app = await scoringPage({scoring, size: {columns: 200, rows: 50}});
		const text = flowing(app.frame());
		expect(text).toContain(`HOW SCORING WORKS: ${scoring.toUpperCase()} RULES`);
		expect(text).toContain('Winning Resolve the incident within 20 steps.');
		for (const rule of scoringRules(scoring)) expect(text, rule.component).toContain(`${rule.amount} `);
		for (const rule of scoringRules(scoring)) expect(text, rule.component).toContain(rule.when);
		expect(app.frame()).not.toMatch(/more lines (above|below)/);
	});

	it('names the components as the reward panel does', async () => {
		const app = await scoringPage({scoring: 'drill', size: {columns: 200, rows: 50}});
		for (const label of ['resolved', 'mttr', 'wrong_fix', 'miscom', 'early_rca', 'rogue_caught', 'false_flag', 'cascade', 'under_budget', 'unresolved']) {
			expect(app.frame()).toMatch(new RegExp(`^ {2}\\S.{10}${label} `, 'm'));
		}
	});

	it('says which rules are in play: the drill’s pay a flag once, the reference’s every time', async () => {
		const drill = await scoringPage({scoring: 'drill', size: {columns: 200, rows: 50}});
		expect(flowing(drill.frame())).toContain('Oversight flags the rogue fleet agent, the first time; flagging it again pays nothing');
		const reference = await scoringPage({scoring: 'reference', size: {columns: 200, rows: 50}});
		expect(flowing(reference.frame())).toContain('Oversight flags the rogue fleet agent, every time it does');
		expect(flowing(reference.frame())).toContain("the episode ends unresolved: taken from the cumulative reward, in no step's breakdown");
	});

	it('at 80×24 fits the width, says there is more below, and scrolls to the end and back', async () => {
		const app = await scoringPage({scoring: 'drill', size: {columns: 80, rows: 24}});
		const fits = () => app.frame().split('\n').every(line => [...line].length <= 80);
		expect(app.frame().split('\n')).toHaveLength(24);
		expect(fits()).toBe(true);
		expect(app.frame()).toMatch(/↓ \d+ more lines below/);
		expect(app.frame()).not.toContain('more lines above');
		expect(app.frame()).not.toContain('Streams');
		// The page's own lines: below the header and its heading, above the scroll marker. Each ↓ brings in one more.
		const pageLines = () => {
			const lines = app.frame().split('\n');
			return lines.slice(2, lines.findIndex(line => line.includes('more lines')));
		};
		const seen = pageLines();
		for (let i = 0; i < 40 && app.frame().includes('more lines below'); i++) {
			await app.press(KEY.down);
			seen.push(pageLines().at(-1)!);
			expect(fits()).toBe(true);
		}
		expect(app.frame()).toMatch(/↑ \d+ more lines above \(/);
		expect(app.frame()).toContain('Streams');
		// Scrolled through, the page said everything the large terminal shows at once.
		const all = flowing(seen.join('\n'));
		for (const rule of scoringRules('drill')) expect(all, rule.component).toContain(rule.when);
		// Past the end, the page stays where it is.
		const end = app.frame();
		await app.press(KEY.down, KEY.down);
		expect(app.frame()).toBe(end);
		await app.press(PAGE_UP, PAGE_UP, PAGE_UP);
		expect(app.frame()).toContain('Winning');
		expect(app.frame()).not.toContain('more lines above');
		await app.press(PAGE_DOWN, PAGE_DOWN, PAGE_DOWN);
		expect(app.frame()).toContain('Streams');
	});

	it('s goes back to the controls; any other key closes it, and acts on nothing else', async () => {
		const app = await scoringPage({scoring: 'drill'});
		await app.press('s');
		await app.waitFor('CONTROLS');
		expect(app.frame()).not.toContain('HOW SCORING WORKS');
		await app.press('s');
		await app.waitFor('HOW SCORING WORKS');
		await app.press('q');
		await app.waitFor('YOUR MOVE (SRE)');
		expect(app.frame()).not.toContain('HOW SCORING WORKS');
		expect(app.frame()).not.toContain('Quit?');
		expect(app.play().played).toHaveLength(0);
	});
});

describe('the summary under either scoring', () => {
	it.each(SCORINGS)('%s: an episode that ends unresolved names the -60 once, and the components add up to the reward', async scoring => {
		const app = renderApp({failure: 'db_deadlock', humans: [], policies: idle, scoring});
		await app.waitFor('EPISODE OVER');
		expect(app.frame()).toMatch(/^cumulative reward +-480\.0 /m);
		expect(app.frame()).toMatch(/^reward by component: mttr-420 unresolved-60$/m);
	});
});
