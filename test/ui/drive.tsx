// Driving the play app by keystrokes, as a person would, without a terminal.
import {render} from 'ink-testing-library';
import {expect} from 'vitest';
import {buildSeats} from '../../source/agents/runner.js';
import type {PolicyMap} from '../../source/agents/runner.js';
import type {Incident} from '../../source/env/incident.js';
import {makeScenario} from '../../source/env/scenario.js';
import {builtInIncident} from '../../source/io/incidents.js';
import {type Difficulty, ROLES, type Role, type Scoring} from '../../source/env/vocabulary.js';
import type {EpisodeJournal} from '../../source/io/recording.js';
import {App} from '../../source/ui/App.js';
import type {TerminalSize} from '../../source/ui/layout.js';
import {PlaySession} from '../../source/ui/session.js';

export const KEY = {enter: '\r', escape: '\u001B', down: '\u001B[B', up: '\u001B[A', tab: '\t', ctrlC: '\u0003'} as const;

export type AppOptions = {
	readonly failure?: string;
	/** An incident of the test's own, played instead of the built-in `failure`. */
	readonly incident?: Incident;
	readonly difficulty?: Difficulty;
	readonly scoring?: Scoring;
	readonly scenarioSeed?: number;
	readonly humans?: readonly Role[];
	readonly policies?: PolicyMap;
	readonly size?: TerminalSize;
	readonly journal?: EpisodeJournal;
	/** Pause before each scripted turn; 0 unless a test wants turns to wait for `n`. */
	readonly delayMs?: number;
	readonly onInterrupt?: () => void;
	readonly briefing?: string;
};

const heuristicTeam: PolicyMap = Object.fromEntries(ROLES.map(role => [role, 'heuristic']));

export function renderApp(options: AppOptions = {}) {
	const incident = options.incident ?? builtInIncident(options.failure ?? 'db_deadlock');
	const base = makeScenario(incident, {seed: options.scenarioSeed ?? 3, difficulty: options.difficulty, scoring: options.scoring});
	const start = (seed: number) => {
		const scenario = {...base, seed};
		return new PlaySession({
			scenario,
			scripts: () => buildSeats(options.policies ?? heuristicTeam, scenario),
			humans: options.humans ?? ['sre'],
			delayMs: options.delayMs ?? 0,
			openJournal: options.journal && (() => options.journal!),
		});
	};
	return renderSessions(start, base.seed, options);
}

/** The app on the sessions `start` makes (the first for `seed`), as the commands open it. */
export function renderSessions(start: (seed: number) => PlaySession, seed: number, options: Pick<AppOptions, 'size' | 'onInterrupt' | 'briefing'> = {}) {
	const sessions: PlaySession[] = [];
	const opened = (next: number) => {
		const session = start(next);
		sessions.push(session);
		return session;
	};
	const drawn = (size: TerminalSize) => (
		<App start={opened} seed={seed} title="Test incident" briefing={options.briefing ?? null} size={size} onInterrupt={options.onInterrupt} />
	);
	const app = render(drawn(options.size ?? {columns: 80, rows: 24}));
	return {
		...app,
		...drive(app),
		/** What the latest session's screen shows now. */
		play: () => sessions.at(-1)!.snapshot(),
		/** The terminal resized to `size`. */
		resize: (size: TerminalSize) => app.rerender(drawn(size)),
		sessions,
	};
}

/**
 * ink-testing-library's terminal is 100 columns wide, and Ink squeezes what is drawn past them: a screen of
 * `columns` is laid out on a terminal that wide from its next frame.
 */
export function widen(app: ReturnType<typeof render>, columns: number): void {
	Object.defineProperty(app.stdout, 'columns', {value: columns, configurable: true});
}

/** Keys typed into a screen rendered by ink-testing-library, and waiting for what it shows. */
export function drive(app: ReturnType<typeof render>) {
	const frame = () => app.lastFrame() ?? '';
	return {
		frame,
		/**
		 * Types keys one at a time, letting Ink handle each. A frame is written before the components' effects
		 * hand Ink their new key handlers, hence the wait before each key too.
		 */
		async press(...keys: string[]) {
			for (const key of keys) {
				await tick();
				app.stdin.write(key);
				await tick();
			}
		},
		/** Waits until the screen shows the text (or the predicate holds); fails with the last frame. */
		async waitFor(expected: string | (() => boolean), what = String(expected)) {
			const holds = typeof expected === 'string' ? () => frame().includes(expected) : expected;
			for (let i = 0; i < 400; i++) {
				if (holds()) return;
				await tick();
			}
			throw new Error(`timed out waiting for ${what}; last frame:\n${frame()}`);
		},
	};
}

export const tick = () => new Promise(resolve => setTimeout(resolve, 5));

/** The label of the highlighted menu item, past the pointer and its number key. */
export const highlighted = (frame: string): string | undefined =>
	frame
		.split('\n')
		.find(line => line.includes('❯'))
		?.split('❯')[1]
		?.trim()
		.replace(/^\d /, '');

/** Picks the menu item whose label starts with `label` by moving down to it and pressing Enter. */
export async function pick(app: Pick<ReturnType<typeof drive>, 'frame' | 'press'>, label: string) {
	for (let i = 0; i < 12; i++) {
		if (highlighted(app.frame())?.startsWith(label)) {
			await app.press(KEY.enter);
			return;
		}
		await app.press(KEY.down);
	}
	throw new Error(`no menu item '${label}' in:\n${app.frame()}`);
}

/** Every row of the frame fits the terminal: as many rows as it has, none wider. */
export function expectFits(frame: string, {columns, rows}: TerminalSize) {
	const lines = frame.split('\n');
	expect(lines).toHaveLength(rows);
	expect(Math.max(...lines.map(line => [...line].length))).toBeLessThanOrEqual(columns);
}
