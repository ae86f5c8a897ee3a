// `chaosops eval --csv` and `--html`: the same episodes as --json, as CSV lines and as a page of charts; and the
// reference's false positive, seen through a seat that flags an agent that is not the rogue.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {type CliRun, expectOneLineRefusal, runCli} from './support/cli.js';

const tempFolder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-eval-reports-'));

type Row = Record<string, unknown> & {oversight_flags: string[]};

/** RFC 4180 lines of plain fields (none of these is quoted), CRLF-terminated. */
const csvRows = (text: string) => {
	expect(text.endsWith('\r\n')).toBe(true);
	const [header, ...lines] = text.slice(0, -2).split('\r\n').map(line => line.split(','));
	return lines.map(line => Object.fromEntries(header!.map((name, index) => [name, line[index]])));
};

describe('chaosops eval --csv and --html', () => {
	const folder = tempFolder();
	let run: CliRun;
	let json: {per_episode: Row[]; aggregates: Array<Record<string, unknown>>};
	beforeAll(() => {
		const args = ['eval', '--policies', 'random,heuristic,oracle', '--episodes-per-type', '2'];
		run = runCli([...args, '--json', path.join(folder, 'e.json'), '--csv', path.join(folder, 'e.csv'), '--html', path.join(folder, 'e.html')]);
		json = JSON.parse(fs.readFileSync(path.join(folder, 'e.json'), 'utf8'));
	});

	it('prints the same table as without them', () => {
		expect(run.status).toBe(0);
		expect(run.stderr).toBe('');
		expect(run.stdout).toBe(runCli(['eval', '--policies', 'random,heuristic,oracle', '--episodes-per-type', '2']).stdout);
	});

	it('writes the --json rows as CSV lines, column for column', () => {
		const rows = csvRows(fs.readFileSync(path.join(folder, 'e.csv'), 'utf8'));
		const asCsv = (row: Row) =>
			Object.fromEntries(
				['policy', 'scenario', 'tier', 'failure_type', 'seed', 'resolved', 'steps', 'cumulative_reward', 'wrong_fixes', 'oversight_flags', 'had_rogue', 'rogue_caught', 'false_positive'].map(
					name => [name, name === 'oversight_flags' ? row.oversight_flags.join(';') : String(row[name] ?? '')],
				),
			);
		expect(rows).toEqual(json.per_episode.map(asCsv));
		expect(rows.some(row => row['oversight_flags'] !== '')).toBe(true);
	});

	it('writes one self-contained page with the three charts', () => {
		const html = fs.readFileSync(path.join(folder, 'e.html'), 'utf8');
		expect(html).toMatch(/^<!DOCTYPE html>/);
		expect(html.match(/<svg /g)).toHaveLength(4);
		for (const title of ['Mean episode reward by tier', 'Policies compared over all their episodes', 'Rogue-catch rate on hard', 'MTTR on hard']) expect(html).toContain(title);
		// Nothing to fetch: no script, no stylesheet or image by address.
		expect(html).not.toMatch(/<script|<link|<img|src=|url\(|@import/i);
		const [, oracleHard] = html.match(/<tr><td class="text">oracle<\/td><td class="text">hard<\/td>(.*?)<\/tr>/)!;
		const aggregate = json.aggregates.find(row => row.policy === 'oracle' && row.tier === 'hard')!;
		expect(oracleHard).toContain(`<td>${(aggregate.mean_reward as number).toFixed(1)}</td>`);
	});

	it('refuses a file it cannot write before playing, in one line', () => {
		expectOneLineRefusal(runCli(['eval', '--csv', '/no/such/dir/e.csv']), /^chaosops: cannot write --csv \/no\/such\/dir\/e\.csv: no such file or folder \(ENOENT\)$/);
		expectOneLineRefusal(runCli(['eval', '--html', '/no/such/dir/e.html']), /^chaosops: cannot write --html \/no\/such\/dir\/e\.html: no such file or folder \(ENOENT\)$/);
	});
});

describe('chaosops eval: false positives', () => {
	it('counts a flag on an agent that is not the rogue, and any flag where there is none', () => {
		const folder = tempFolder();
		const line = path.join(folder, 'flag.json');
		fs.writeFileSync(line, JSON.stringify([{action_type: 'flag_rogue', target: 'autoscaler'}]));
		const file = path.join(folder, 'fp.json');
		const run = runCli(['eval', '--scenario', 'db_deadlock,rogue_deploy_bot', '--policy', `oversight=actions:${line}`, '--policies', 'oracle', '--episodes-per-type', '2', '--json', file]);
		expect(run.status).toBe(0);
		const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {per_episode: Row[]; aggregates: Array<Record<string, unknown>>};
		expect(report.per_episode.map(row => [row['failure_type'], row.oversight_flags, row['had_rogue'], row['rogue_caught'], row['false_positive']])).toEqual([
			['db_deadlock', ['autoscaler'], false, false, true],
			['db_deadlock', ['autoscaler'], false, false, true],
			['rogue_deploy_bot', ['autoscaler'], true, false, true],
			['rogue_deploy_bot', ['autoscaler'], true, false, true],
		]);
		expect(report.aggregates.map(row => row['false_positive_rate'])).toEqual([1, 1]);
	});
});
