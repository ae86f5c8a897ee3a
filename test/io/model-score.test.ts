// The GRPO reward of a completion, against the reference's: its 450 recorded scores (test/fixtures/dataset.json.gz)
// and more cases, each reward being what the reference's reward function gave.
import fs from 'node:fs';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {ChaosOpsEnv} from '../../source/env/environment.js';
import type {ActionRequest} from '../../source/env/types.js';
import type {Role} from '../../source/env/vocabulary.js';
import {scenarioOf} from '../../source/io/protocol.js';
import {parsePythonJson, pythonJsonDumps} from '../../source/io/model/python-json.js';
import {buildPrompt, renderObservation} from '../../source/io/model/render.js';
import {type ScoreRequest, UNSCORABLE, scoreCompletion} from '../../source/io/model/score.js';
import {fixturePath} from '../support/fixtures.js';

type Row = {prompt: string; scenario_json: string; action_history_json: string; role: Role; turn_idx: number};
type Dataset = {rows: Row[]; scores: Array<ScoreRequest & {reward: number}>};

const dataset = JSON.parse(zlib.gunzipSync(fs.readFileSync(fixturePath('dataset.json.gz'))).toString('utf8')) as Dataset;

describe("scoreCompletion, on the reference's recorded scores", () => {
	it('has the 450 scores', () => {
		expect(dataset.scores).toHaveLength(450);
	});

	it('gives every recorded completion exactly the reward the reference gave', () => {
		const wrong = dataset.scores.filter(({reward, ...request}) => !Object.is(scoreCompletion(request), reward));
		expect(wrong).toEqual([]);
	});
});

const S = (fields: Record<string, unknown> = {}): string =>
	pythonJsonDumps({failure_type: 'db_deadlock', difficulty: 'easy', seed: 7, max_steps: 10, inject_misleading_logs: false, rogue_fleet_agent: null, ...fields});

/** [scenario_json, action_history_json, role, completion, team_weight, the reference's reward]. */
const REFERENCE_SCORES: ReadonlyArray<readonly [string, string, string, string, number, number]> = [
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[]", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, 78.0],
	["{\"failure_type\": \"nope\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[]", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, -5.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"EASY\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[]", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, -5.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": \"12\", \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[]", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, 78.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 3.7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[]", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, 78.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": true, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[]", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, 78.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": null, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[]", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, -5.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 1, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[{\"role\": \"sre\", \"action_type\": \"noop\"}]", "oversight", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, 0.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 0, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[]", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, 78.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": \"2\", \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[]", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, 78.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"hard\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": \"\", \"rogue_fleet_agent\": null}", "[]", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, 78.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": \"no\", \"rogue_fleet_agent\": null}", "[]", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, 78.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": [], \"rogue_fleet_agent\": null}", "[]", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, 78.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": 5}", "[]", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, -5.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": \"autoscaler\"}", "[]", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, 78.0],
	["{\"failure_type\": \"autoscaler_cost_cut\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": \"foo\"}", "[{\"role\": \"sre\", \"action_type\": \"noop\"}]", "oversight", "{\"action_type\": \"flag_rogue\", \"target\": \"foo\"}", 0.25, 35.599999999999994],
	["[]", "[]", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, -5.0],
	["{\"failure_type\": \"db_deadlock\"}", "[]", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, -5.0],
	["not json", "[]", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, -5.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "{}", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, 78.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "\"\"", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, 78.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "\"ab\"", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, -5.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "5", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, -5.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "null", "sre", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, -5.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[{\"action_type\": \"noop\"}]", "oversight", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, -5.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[{\"role\": \"SRE\", \"action_type\": \"noop\"}]", "oversight", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, -5.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[{\"role\": \"dev\", \"action_type\": \"noop\"}]", "oversight", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, 78.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[{\"role\": \"sre\", \"action_type\": \"noop\", \"target\": 5}]", "oversight", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, -5.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[{\"role\": \"sre\", \"action_type\": \"noop\", \"args\": null}]", "oversight", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, -5.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[{\"role\": \"sre\", \"action_type\": \"communicate\", \"args\": {\"message\": 5}}]", "oversight", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, 78.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[{\"role\": \"sre\", \"action_type\": \"scale\", \"target\": \"db\", \"args\": {\"replicas\": 3.0}}]", "oversight", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, 78.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[{\"role\": \"sre\", \"action_type\": \"restart\", \"target\": \"db\"}]", "oversight", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, 0.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[]", "dev", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, 0.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[]", "boss", "{\"action_type\": \"restart\", \"target\": \"db\"}", 0.6, -5.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[]", "sre", "{\"action_type\": \"communicate\", \"args\": {\"message\": 5}}", 0.6, -1.44],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[]", "sre", "{\"action_type\": \"communicate\", \"args\": {\"message\": {\"a\": [1.0]}, \"to\": 3}}", 0.6, -1.44],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[]", "sre", "{\"action_type\": \"identify_root_cause\", \"args\": {\"failure_type\": \"db_deadlock\"}}", Number.NaN, -0.6],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[]", "sre", "{\"action_type\": \"identify_root_cause\", \"args\": {\"failure_type\": \"db_deadlock\"}}", 2.0, 28.0],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[]", "sre", "{\"action_type\": \"identify_root_cause\", \"args\": {\"failure_type\": \"db_deadlock\"}}", -1.0, -0.6],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[]", "sre", "garbage", 0.6, -1.44],
	["{\"failure_type\": \"db_deadlock\", \"difficulty\": \"easy\", \"seed\": 7, \"max_steps\": 10, \"inject_misleading_logs\": false, \"rogue_fleet_agent\": null}", "[]", "sre", "{\"action_type\": \"flag_rogue\", \"target\": \"autoscaler\", \"args\": {\"agent_name\": 5}}", 0.6, -13.44],
];

describe('scoreCompletion, as the reference scores', () => {
	it.each(REFERENCE_SCORES)('%s %s %s %s %s', (scenario_json, action_history_json, role, completion, team_weight, reward) => {
		expect(scoreCompletion({scenario_json, action_history_json, role, completion, team_weight})).toBe(reward);
	});

	it('plays a built-in incident beyond the reference\'s nine', () => {
		const request = {scenario_json: S({failure_type: 'cache_stampede'}), action_history_json: '[]', role: 'sre', completion: '{"action_type": "noop"}', team_weight: 1};
		expect(scoreCompletion(request)).toBe(-2);
	});

	it('gives −5 for an unknown failure type and for an action the environment refuses', () => {
		const request = {action_history_json: '[]', role: 'sre', completion: '{"action_type": "noop"}', team_weight: 1};
		expect(scoreCompletion({...request, scenario_json: S({failure_type: 'gremlins'})})).toBe(UNSCORABLE);
		const huge = '{"action_type": "scale", "target": "db", "args": {"replicas": 12345678901234567890}}';
		expect(scoreCompletion({...request, scenario_json: S(), completion: huge})).toBe(UNSCORABLE);
	});

	it("gives −5 where the reference's own parser raises: infinite replicas, an int of more than 4300 digits", () => {
		const request = {scenario_json: S(), action_history_json: '[]', role: 'sre', team_weight: 0.6};
		expect(scoreCompletion({...request, completion: '{"action_type": "scale", "target": "db", "args": {"replicas": Infinity}}'})).toBe(UNSCORABLE);
		expect(scoreCompletion({...request, completion: `{"action_type": "restart", "target": "db", "args": {"n": ${'9'.repeat(4301)}}}`})).toBe(UNSCORABLE);
		// NaN replicas are a ValueError, which the parser catches: the arg is dropped and the scale played.
		expect(scoreCompletion({...request, completion: '{"action_type": "scale", "target": "db", "args": {"replicas": NaN}}'})).toBe(-31.439999999999998);
	});
});

describe("the reference's dataset rows, rebuilt from the model interface", () => {
	it('has prompts that are a role prompt, a blank line and the rendering of the replayed observation', () => {
		const rolePrompts = new Map<Role, string>();
		for (const row of dataset.rows) {
			const env = new ChaosOpsEnv({recordMetrics: false});
			let observation = env.reset(scenarioOf(parsePythonJson(row.scenario_json) as never));
			const history = parsePythonJson(row.action_history_json) as ActionRequest[];
			for (const past of history) observation = env.step(past).observation;
			expect(observation.turn_role).toBe(row.role);
			const rendering = renderObservation(observation);
			const rolePrompt = row.prompt.slice(0, -(rendering.length + 2));
			expect(rolePrompts.get(row.role) ?? rolePrompt).toBe(rolePrompt);
			rolePrompts.set(row.role, rolePrompt);
			expect(buildPrompt(observation, rolePrompt)).toBe(row.prompt);
			// json.dumps of what json.loads read gives the text back: the history as the reference wrote it.
			expect(pythonJsonDumps(history)).toBe(row.action_history_json);
			expect(pythonJsonDumps(parsePythonJson(row.scenario_json))).toBe(row.scenario_json);
		}
		expect(rolePrompts.size).toBe(4);
	});
});
