import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {type PolicyMap, buildSeats, runEpisode} from '../../source/agents/runner.js';
import {pythonFixed, pythonListRepr, pythonStringRepr} from '../../source/io/python-format.js';
import {formatTranscript} from '../../source/io/transcript.js';
import {loadTraces, playedScenario} from '../support/fixtures.js';

// Each policy case's transcript as the reference's render_transcript writes it (ported to Python line for line,
// run over the recorded traces), with our title line.
const golden = JSON.parse(
	zlib.gunzipSync(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'transcripts.golden.json.gz'))).toString('utf8'),
) as Record<string, string>;

const policyCases = loadTraces().filter(c => c.kind === 'policy');

describe('formatTranscript', () => {
	it('writes the reference transcript byte for byte for every recorded policy episode', () => {
		expect(policyCases).toHaveLength(Object.keys(golden).length);
		for (const trace of policyCases) {
			const run = runEpisode(playedScenario(trace), buildSeats(trace.policies as PolicyMap, playedScenario(trace), trace.policy_seed));
			expect(formatTranscript({scenario: trace.scenario, ...run}), trace.id).toBe(golden[trace.id]);
		}
	});

	it('shows the args of an action, and a dash for an empty target', () => {
		const zero = {resolved_bonus: 0, mttr_penalty: 0, wrong_fix_penalty: 0, miscommunication_penalty: 0, early_root_cause_bonus: 0,
			rogue_caught_bonus: 0, rogue_false_positive_penalty: 0, cascade_penalty: 0, under_budget_bonus: 0, team_reward: 0, oversight_reward: 0, total: 0};
		const text = formatTranscript({
			scenario: {failure_type: 'cascade', difficulty: 'medium', seed: -4, rogue_fleet_agent: null},
			steps: [{turn: 11, role: 'manager', action: {role: 'manager', action_type: 'communicate', target: '', args: {message: 'all good', to: 'dev'}}, reward: 0, breakdown: zero}],
			result: {resolved: false, final_step: 12, cumulative_reward: -0.25, wrong_fixes: 0, oversight_flags: ["it's", 'x']},
		});
		expect(text.split('\n').slice(3, 9)).toEqual([
			'scenario      : cascade (medium)',
			'seed          : -4',
			'rogue_agent   : none (infra fault)',
			'',
			't11 [MGR] action=communicate target=- message=all good to=dev  reward=+0.0',
			'',
		]);
		expect(text).toContain(`RESULT  resolved=False  steps=12  cum_reward=-0.2  wrong_fixes=0  oversight_flags=["it's", 'x']\n`);
	});
});

describe('Python number and string formatting', () => {
	// Outputs of CPython's format(value, '+.1f') and format(value, '.0f').
	it.each([
		[0.25, '+0.2', '0'],
		[0.75, '+0.8', '1'],
		[1.25, '+1.2', '1'],
		[2.5, '+2.5', '2'],
		[-0.25, '-0.2', '-0'],
		[-0, '-0.0', '-0'],
		[0, '+0.0', '0'],
		[110, '+110.0', '110'],
		[-516, '-516.0', '-516'],
		[0.05, '+0.1', '0'],
		[0.15, '+0.1', '0'],
		[1000000.45, '+1000000.4', '1000000'],
		[123.456, '+123.5', '123'],
	])('%d → %s / %s', (value, oneDecimal, whole) => {
		expect(pythonFixed(value, 1, true)).toBe(oneDecimal);
		expect(pythonFixed(value, 0)).toBe(whole);
	});

	// Outputs of CPython's repr(str).
	it.each([
		['deploy_bot', "'deploy_bot'"],
		["it's", `"it's"`],
		['say "hi"', `'say "hi"'`],
		[`both ' and "`, `'both \\' and "'`],
		['back\\slash', "'back\\\\slash'"],
		['tab\there', "'tab\\there'"],
		['nl\n', "'nl\\n'"],
		['\u0000\u007f\u00a0é\u2028', "'\\x00\\x7f\\xa0é\\u2028'"],
		['soft\u00adhyphen, zero\u200bwidth, bom\ufeff, lone \ud800, private \ue000', "'soft\\xadhyphen, zero\\u200bwidth, bom\\ufeff, lone \\ud800, private \\ue000'"],
		['tag \u{e0041}, face \u{1f600}, ideographic\u3000space', "'tag \\U000e0041, face \u{1f600}, ideographic\\u3000space'"],
	])('repr(%j) is %s', (text, repr) => {
		expect(pythonStringRepr(text)).toBe(repr);
	});

	it('writes lists as Python does', () => {
		expect(pythonListRepr([])).toBe('[]');
		expect(pythonListRepr(['deploy_bot', 'autoscaler'])).toBe("['deploy_bot', 'autoscaler']");
	});
});
