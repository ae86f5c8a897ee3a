// Who holds the scripted seats, from the command line: --teammates fills every seat --policy leaves, and
// --policy ROLE=actions:FILE seats a fixed line of play (run, play, eval), a bad file refused one line per problem.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {expectOneLineRefusal, runCli} from './support/cli.js';
import {openTerminal} from './support/pty.js';

type Step = {role: string; by: string; action: {action_type: string; target: string | null; args: Record<string, unknown>}};
type RunJson = {steps: Step[]; result: {cumulative_reward: number; resolved: boolean}};

const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-seats-'));

/** A file holding `content` (JSON of a value, or text as it is), in a fresh folder. */
function fileOf(content: unknown, name = 'line.json'): string {
	const file = path.join(folder(), name);
	fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
	return file;
}

function runJson(...args: string[]): RunJson {
	const run = runCli(['run', ...args, '--format', 'json']);
	expect(run.stderr).toBe('');
	expect(run.status).toBe(0);
	return JSON.parse(run.stdout) as RunJson;
}

const holders = (steps: readonly Step[]) => Object.fromEntries(steps.map(step => [step.role, step.by]));

/** A line for the SRE that does nothing decisive: it talks, declares a wrong cause, scales. */
const SRE_LINE = [
	{action_type: 'communicate', args: {message: 'looking at payments'}},
	{action_type: 'identify_root_cause', args: {failure_type: 'cascade'}},
	{action_type: 'scale', target: 'db', args: {replicas: 2}},
];

describe('--teammates', () => {
	it('fills every seat --policy does not name, in run', () => {
		const {steps} = runJson('--scenario', 'db_deadlock', '--max-steps', '8', '--policy', 'sre=noop', '--teammates', 'random');
		expect(holders(steps)).toEqual({sre: 'noop', oversight: 'random', dev: 'random', manager: 'random'});
	});

	it('alone, fills every seat, whatever the scenario file names', () => {
		// starter's file seats the heuristic everywhere.
		const {steps} = runJson('--scenario', 'starter', '--max-steps', '4', '--teammates', 'noop');
		expect(holders(steps)).toEqual({sre: 'noop', oversight: 'noop', dev: 'noop', manager: 'noop'});
	});

	it('leaves run as it was without it: the roles --policy role=… leaves play noop', () => {
		const {steps} = runJson('--scenario', 'db_deadlock', '--max-steps', '8', '--policy', 'dev=random');
		expect(holders(steps)).toEqual({sre: 'noop', oversight: 'noop', dev: 'random', manager: 'noop'});
	});

	it('in eval, is the one policy evaluated, in every seat --policy leaves', () => {
		const file = path.join(folder(), 'eval.json');
		const run = runCli(['eval', '--scenario', 'rogue_deploy_bot', '--episodes-per-type', '2', '--policy', 'oversight=noop', '--teammates', 'heuristic', '--json', file]);
		expect(run.status).toBe(0);
		const {per_episode: rows} = JSON.parse(fs.readFileSync(file, 'utf8')) as {per_episode: Array<{policy: string; oversight_flags: string[]}>};
		expect(rows.map(row => row.policy)).toEqual(['heuristic', 'heuristic']);
		// The heuristic's oversight flags the bot it sees; the pinned noop flags nothing.
		expect(rows.every(row => row.oversight_flags.length === 0)).toBe(true);
		const heuristicEverywhere = runCli(['eval', '--scenario', 'rogue_deploy_bot', '--episodes-per-type', '2', '--teammates', 'heuristic']);
		expect(heuristicEverywhere.stdout).not.toBe(run.stdout);
	});

	it.each([
		[['run', '--scenario', 'starter', '--teammates', 'smart'], /^chaosops: --teammates 'smart' is not valid; expected a policy \(random, heuristic, oracle, teammate, noop\) or llm \(a language model\) or cmd:PROGRAM /],
		[['run', '--scenario', 'starter', '--teammates', 'actions:line.json'], /^chaosops: --teammates 'actions:line.json' is not valid; expected a policy \(/],
		[['play', '--teammates', 'smart'], /^chaosops: --teammates 'smart' is not valid; expected a policy \(/],
		[['eval', '--teammates', 'smart'], /^chaosops: --teammates 'smart' is not valid; expected a policy: /],
		[['eval', '--teammates', 'heuristic', '--policies', 'oracle'], /^chaosops: --policies and --teammates cannot be given together: --teammates NAME is --policies NAME/],
		[['eval', '--policy', 'oracle'], /^chaosops: --policy 'oracle' names every seat, which leaves none for the policies evaluated; name some roles/],
		[['eval', '--policy', 'sre=oracle,dev=oracle,manager=oracle,oversight=oracle'], /^chaosops: --policy '.*' names every seat/],
	])('%j → one line and exit status 2', (args, message) => {
		expectOneLineRefusal(runCli(args), message);
	});
});

describe('--policy ROLE=actions:FILE', () => {
	it('plays the file, one action per turn of that seat, then noop', () => {
		const file = fileOf(SRE_LINE);
		const {steps} = runJson('--scenario', 'rogue_deploy_bot', '--max-steps', '20', '--policy', `sre=actions:${file}`, '--teammates', 'noop');
		const sre = steps.filter(step => step.role === 'sre');
		expect(sre.every(step => step.by === 'actions')).toBe(true);
		expect(sre.map(step => step.action.action_type)).toEqual(['communicate', 'identify_root_cause', 'scale', 'noop', 'noop']);
		expect(sre[2]!.action).toEqual({role: 'sre', action_type: 'scale', target: 'db', args: {replicas: 2}});
	});

	it('plays a line taken from one run again, the same with the same teammates, differently with others', () => {
		const first = runJson('--scenario', 'cost-cutter', '--policy', 'oracle');
		const devLine = first.steps.filter(step => step.role === 'dev').map(step => step.action);
		const file = fileOf(devLine);
		const again = runJson('--scenario', 'cost-cutter', '--policy', `dev=actions:${file}`, '--teammates', 'oracle');
		expect(again).toEqual({...first, steps: first.steps.map(step => (step.role === 'dev' ? {...step, by: 'actions'} : step))});
		const withRandom = runJson('--scenario', 'cost-cutter', '--policy', `dev=actions:${file}`, '--teammates', 'random');
		const devTurns = withRandom.steps.filter(step => step.role === 'dev').map(step => step.action);
		expect(devTurns.slice(0, devLine.length)).toEqual(devLine.slice(0, devTurns.length));
		expect(withRandom.result).not.toEqual(first.result);
	});

	it('takes a path holding `=`, and an empty line (a seat that only waits)', () => {
		const file = fileOf([], 'a=b.json');
		const {steps} = runJson('--scenario', 'db_deadlock', '--max-steps', '4', '--policy', `sre=actions:${file},dev=oracle`);
		expect(holders(steps)).toMatchObject({sre: 'actions', dev: 'oracle'});
		expect(steps[0]!.action.action_type).toBe('noop');
	});

	it('is recorded whole: the recording replays without the file', () => {
		const file = fileOf(SRE_LINE);
		const recording = path.join(folder(), 'line.jsonl');
		const run = runCli(['run', '--scenario', 'rogue_deploy_bot', '--policy', `sre=actions:${file}`, '--teammates', 'heuristic', '--record', recording]);
		expect(run.status).toBe(0);
		const header = JSON.parse(fs.readFileSync(recording, 'utf8').split('\n')[0]!) as {policies: Record<string, unknown>; seats: Record<string, string>};
		expect(header.policies['sre']).toEqual({actions: SRE_LINE});
		expect(header.seats['sre']).toBe('actions');
		fs.rmSync(file);
		const replay = runCli(['replay', recording, '--format', 'json']);
		expect(replay.stderr).toBe('');
		expect(replay.status).toBe(0);
		expect((JSON.parse(replay.stdout) as {disagreement: unknown}).disagreement).toBeNull();
	});

	it('refuses a recording whose line was changed, at the step that no longer agrees', () => {
		const file = fileOf(SRE_LINE);
		const recording = path.join(folder(), 'line.jsonl');
		runCli(['run', '--scenario', 'rogue_deploy_bot', '--policy', `sre=actions:${file}`, '--teammates', 'heuristic', '--record', recording]);
		const [header, ...rest] = fs.readFileSync(recording, 'utf8').split('\n');
		const edited = JSON.parse(header!) as {policies: {sre: {actions: unknown[]}}};
		edited.policies.sre.actions[1] = {action_type: 'noop'};
		fs.writeFileSync(recording, [JSON.stringify(edited), ...rest].join('\n'));
		const replay = runCli(['replay', recording, '--format', 'json']);
		expect(replay.status).toBe(1);
		expect((JSON.parse(replay.stdout) as {disagreement: string}).disagreement).toMatch(/^turn 4: recorded action\.action_type "identify_root_cause", but actions decides "noop"$/);
	});

	it('seats a line in play, recorded in the header with the teammates and the scoring', async () => {
		const file = fileOf(SRE_LINE);
		const recording = path.join(folder(), 'play.jsonl');
		const terminal = openTerminal(['play', '--scenario', 'cascade', '--as', 'dev', '--policy', `sre=actions:${file}`, '--teammates', 'oracle', '--scoring', 'drill', '--delay', '60000', '--record', recording]);
		try {
			await terminal.waitFor('q quit');
			terminal.type('\u0003');
			expect(await terminal.exited).toBe(130);
		} finally {
			terminal.kill();
		}
		const header = JSON.parse(fs.readFileSync(recording, 'utf8').split('\n')[0]!) as Record<string, Record<string, unknown>>;
		expect(header['seats']).toEqual({sre: 'actions', dev: 'human', manager: 'oracle', oversight: 'oracle'});
		expect(header['policies']).toEqual({sre: {actions: SRE_LINE}, dev: 'oracle', manager: 'oracle', oversight: 'oracle'});
		expect(header['scenario']).toMatchObject({failure_type: 'cascade', scoring: 'drill'});
	});
});

describe('--policy ROLE=actions:FILE: a bad file', () => {
	const refusal = (content: unknown) => {
		const file = fileOf(content);
		return {file, run: runCli(['run', '--scenario', 'starter', '--policy', `dev=actions:${file}`])};
	};

	it('names each problem on a line of its own, with the file and the action’s index, and plays nothing', () => {
		const {file, run} = refusal([
			{action_type: 'noop'},
			{action_type: 'restrat', target: 'db'},
			{action_type: 'scale', target: 5, args: {replicas: 'two'}},
			'noop',
			{action_type: 'flag_rogue', agent: 'deploy_bot'},
		]);
		expect(run.status).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr.trimEnd().split('\n')).toEqual([
			`chaosops: actions file ${file}: [1].action_type is "restrat"; expected one of noop, communicate, restart, rollback, scale, flag_rogue, identify_root_cause, escalate, resolve`,
			`chaosops: actions file ${file}: [2].target is 5; expected a string or null`,
			expect.stringMatching(new RegExp(`^chaosops: actions file ${file}: \\[2\\]\\.args\\.replicas .*integer`)),
			`chaosops: actions file ${file}: [3] is "noop"; expected an object`,
			`chaosops: actions file ${file}: [4] has unknown key "agent"; accepted: action_type, target, args, role`,
		]);
	});

	it.each([
		['not an array', {action_type: 'noop'}, /: is an object; expected a JSON array of actions, one per turn of the seat$/],
		['not JSON', '[{"action_type": "noop"},', / is not valid JSON: /],
		['an action without its type', [{target: 'db'}], /: \[0\]\.action_type is missing; expected one of noop, /],
	])('%s → one line and exit status 2', (_what, content, message) => {
		const {file, run} = refusal(content);
		expectOneLineRefusal(run, new RegExp(`^chaosops: actions file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${message.source}`));
	});

	it.each([
		[['--policy', 'dev=actions:/nonexistent/line.json'], /^chaosops: cannot read actions file \/nonexistent\/line\.json: no such file or folder \(ENOENT\)$/],
		[['--policy', `dev=actions:${os.tmpdir()}`], /^chaosops: cannot read actions file .*: it is a folder, not a regular file$/],
		[['--policy', 'dev=actions:'], /^chaosops: --policy 'dev=actions:' has 'dev=actions:'; expected .* or actions:FILE/],
		[['--policy', 'actions:line.json'], /^chaosops: --policy 'actions:line.json' is not valid; expected a policy \(.*\) for every role, or role=policy pairs/],
		[['--policy', 'sre=cmd:'], /^chaosops: --policy 'cmd:' names no program; expected cmd:PROGRAM \[ARGUMENTS\], such as cmd:python3 examples\/agent\.py$/],
		[['--policy', "sre=cmd:python3 'agent.py"], /^chaosops: --policy 'cmd:python3 'agent\.py': the command "python3 'agent\.py" has a ' that is not closed/],
		[['--teammates', 'cmd:  '], /^chaosops: --teammates 'cmd:' names no program/],
		[['--policy', 'sre=llm', '--llm-model', 'm', '--llm-base-url', 'localhost:11434'], /^chaosops: --llm-base-url 'localhost:11434' is not valid; expected an http or https URL/],
		[['--policy', 'sre=llm', '--llm-model', 'm', '--llm-timeout', '0'], /^chaosops: --llm-timeout '0' is not valid; expected seconds, more than 0 and at most 3600$/],
		[['--policy', 'sre=cmd:true', '--agent-timeout', 'soon'], /^chaosops: --agent-timeout 'soon' is not valid; expected seconds/],
	])('%j → one line and exit status 2', (args, message) => {
		expectOneLineRefusal(runCli(['run', '--scenario', 'starter', ...args]), message);
	});
});
