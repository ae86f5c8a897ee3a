// `chaosops dataset`: the reference's GRPO rows byte for byte (with the reference's prompts loaded), prompt/completion
// pairs whose completion is the policy's action, and the runner's steps, each line what a trainer would read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {beforeAll, describe, expect, it} from 'vitest';
import {ROLES, type Role} from '../source/env/vocabulary.js';
import {grpoLineSchema, sftLineSchema, trajectoryLineSchema} from '../source/io/dataset-lines.js';
import {parseAction} from '../source/io/model/parse-action.js';
import {pythonJsonDumps} from '../source/io/model/python-json.js';
import {buildPrompt} from '../source/io/model/render.js';
import {loadSystemPrompts} from '../source/io/model/system-prompts.js';
import {expectOneLineRefusal, runCli} from './support/cli.js';
import {fixturePath} from './support/fixtures.js';

type GrpoRow = {prompt: string; scenario_json: string; action_history_json: string; role: Role; turn_idx: number};
type SftLine = {prompt: string; completion: string};
type TrajectoryLine = {episode: number; scenario: Record<string, unknown>; role: Role; action: Record<string, unknown>; reward: number; observation: never} & Record<string, unknown>;

const tempFolder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-dataset-'));

/** The reference's rows: scenarios_for_tier(easy|hard, seed_offset=0, episodes_per_type=2), oracle rollouts, its role prompts. */
const reference = JSON.parse(zlib.gunzipSync(fs.readFileSync(fixturePath('dataset.json.gz'))).toString('utf8')) as {rows: GrpoRow[]};

/** Writes each role's system prompt, as the reference's rows hold it (a prompt is the system prompt, a blank line, then the rendering). */
function referencePromptsFolder(): string {
	const folder = tempFolder();
	for (const role of ROLES) {
		const {prompt} = reference.rows.find(row => row.role === role)!;
		fs.writeFileSync(path.join(folder, `${role}.md`), `${prompt.slice(0, prompt.indexOf('\n\nSTEP '))}\n`);
	}
	return folder;
}

/** Runs the command into a new file and gives back its lines (the status and stderr checked). */
function dataset(args: readonly string[]): string[] {
	const out = path.join(tempFolder(), 'out.jsonl');
	const run = runCli(['dataset', ...args, '--out', out]);
	expect(run.stderr).toBe('');
	expect(run.stdout).toBe('');
	expect(run.status).toBe(0);
	const text = fs.readFileSync(out, 'utf8');
	expect(text.endsWith('\n')).toBe(true);
	return text.slice(0, -1).split('\n');
}

describe('chaosops dataset --format grpo', () => {
	it("writes the reference's rows byte for byte, with the reference's role prompts", () => {
		const lines = dataset(['--tiers', 'easy,hard', '--episodes-per-type', '2', '--system-prompts', referencePromptsFolder()]);
		expect(lines).toHaveLength(reference.rows.length);
		for (const [index, row] of reference.rows.entries()) {
			// Each field's text as the reference has it, the keys in its order, and the line as Python's json.dumps writes the row.
			expect(JSON.stringify(JSON.parse(lines[index]!)), `row ${index}`).toBe(JSON.stringify(row));
			expect(lines[index], `row ${index}`).toBe(pythonJsonDumps(row));
			expect(grpoLineSchema.safeParse(JSON.parse(lines[index]!)).error, `row ${index}`).toBeUndefined();
		}
	});

	it('is the default format, with the oracle in every seat', () => {
		const args = ['--tiers', 'medium', '--episodes-per-type', '1'];
		expect(dataset(args)).toEqual(dataset([...args, '--format', 'grpo', '--policy', 'oracle']));
	});
});

describe('chaosops dataset --format sft and trajectory', () => {
	// A random developer among oracles: some episodes resolved, some not.
	const seats = ['--policy', 'dev=random', '--teammates', 'oracle'];
	const plan = ['--tiers', 'easy,hard', '--episodes-per-type', '1', '--seed-offset', '5', ...seats];
	let sft: SftLine[];
	let steps: TrajectoryLine[];
	beforeAll(() => {
		sft = dataset([...plan, '--format', 'sft']).map(line => JSON.parse(line) as SftLine);
		steps = dataset([...plan, '--format', 'trajectory']).map(line => JSON.parse(line) as TrajectoryLine);
	});

	it('writes lines of the shapes docs/dataset-line.schema.json gives', () => {
		for (const line of sft) expect(sftLineSchema.safeParse(line).error).toBeUndefined();
		for (const line of steps) expect(trajectoryLineSchema.safeParse(line).error).toBeUndefined();
	});

	it("pairs each turn's prompt with the action the policy took, which the parser reads back", () => {
		expect(sft).toHaveLength(steps.length);
		const prompts = loadSystemPrompts();
		for (const [index, {prompt, completion}] of sft.entries()) {
			const step = steps[index]!;
			expect(Object.keys(sft[index]!)).toEqual(['prompt', 'completion']);
			expect(prompt).toBe(buildPrompt(step.observation, prompts[step.role]));
			const {role: _role, ...action} = step.action;
			expect(parseAction(completion, step.role), `line ${index}`).toEqual(action);
		}
		expect(new Set(sft.map(line => JSON.parse(line.completion).action_type)).size).toBeGreaterThan(3);
	});

	it('writes each step as run --format json does, and its rewards add up to what run reports', () => {
		const endings = new Set<boolean>();
		const episodes = new Map<number, TrajectoryLine[]>();
		for (const step of steps) episodes.set(step.episode, [...(episodes.get(step.episode) ?? []), step]);
		expect([...episodes.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
		for (const [episode, lines] of episodes) {
			const {scenario} = lines[0]!;
			const run = runCli([
				'run', '--scenario', String(scenario['failure_type']), '--difficulty', String(scenario['difficulty']), '--seed', String(scenario['seed']),
				'--max-steps', String(scenario['max_steps']), ...seats, '--format', 'json',
			]);
			const document = JSON.parse(run.stdout) as {scenario: Record<string, unknown>; steps: unknown[]; result: {resolved: boolean; cumulative_reward: number}};
			expect(scenario, `episode ${episode}`).toEqual(document.scenario);
			expect(lines.map(({episode: _episode, scenario: _scenario, ...step}) => step)).toEqual(document.steps);
			// The reference's -60 for ending unresolved is in no step's reward; the last step's running figures have it.
			const {resolved} = document.result;
			endings.add(resolved);
			expect(lines.reduce((sum, step) => sum + step.reward, 0) + (resolved ? 0 : -60), `episode ${episode}`).toBe(document.result.cumulative_reward);
			expect(lines.at(-1)!['info']).toMatchObject({resolved, cumulative_reward: document.result.cumulative_reward});
		}
		expect([...endings].sort()).toEqual([false, true]);
		// The tiers' seeds, from the offset: 5 + 97·i for the easy tier's four failure types.
		expect([...episodes.values()].slice(0, 4).map(lines => lines[0]!.scenario['seed'])).toEqual([5, 102, 199, 296]);
	});
});

describe('chaosops dataset with a program in a seat', () => {
	it('awaits the program each turn and keeps what it answered on the trajectory’s steps', () => {
		const out = path.join(tempFolder(), 'out.jsonl');
		const run = runCli(['dataset', '--tiers', 'easy', '--episodes-per-type', '1', '--policy', 'sre=cmd:python3 examples/agent.py', '--teammates', 'oracle', '--format', 'trajectory', '--out', out]);
		expect(run.status).toBe(0);
		// The example agent says on its stderr what it answered, which chaosops passes on, marked as the program's.
		expect(run.stderr).toMatch(/^chaosops: python3 examples\/agent.py: step 0: /);
		const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
		const steps = lines.map(line => JSON.parse(line) as TrajectoryLine & {by: string; agent?: {source: string; replies: string[]}});
		expect(new Set(steps.map(step => step.episode)).size).toBe(4);
		for (const step of steps) expect(trajectoryLineSchema.safeParse(step).error).toBeUndefined();
		const sre = steps.filter(step => step.role === 'sre');
		expect(sre.length).toBeGreaterThan(0);
		for (const step of sre) {
			expect(step.by).toBe('cmd');
			expect(step.agent!.source).toBe('python3 examples/agent.py');
			expect(parseAction(step.agent!.replies[0]!, 'sre')).toEqual(expect.objectContaining({action_type: step.action.action_type}));
		}
	});
});

describe('chaosops dataset: the command line', () => {
	it('says what it does with --help, and is listed among the commands', () => {
		const help = runCli(['dataset', '--help']);
		expect(help.status).toBe(0);
		expect(help.stdout).toMatch(/^Usage: chaosops dataset --out FILE/);
		for (const flag of ['--format', '--policy', '--teammates', '--tiers', '--episodes-per-type', '--seed-offset', '--system-prompts']) expect(help.stdout).toContain(flag);
		expect(runCli(['--help']).stdout).toMatch(/^ {2}dataset +training data/m);
	});

	it.each([
		[[], /^chaosops: --out FILE is required: where the JSON lines go \(see chaosops dataset --help\)$/],
		[['--format', 'csv'], /^chaosops: --format 'csv' is not valid; expected one of grpo, sft, trajectory$/],
		[['--tiers', 'easy,nightmare'], /^chaosops: --tiers 'easy,nightmare' has 'nightmare'; expected a comma-separated list of easy, medium, hard$/],
		[['--episodes-per-type', '0'], /^chaosops: --episodes-per-type '0' is not valid; expected an integer from 1 to 1000000$/],
		[['--policy', 'genius'], /^chaosops: --policy 'genius' is not valid; expected a policy \(random, heuristic, oracle/],
		[['--seed-offset', '9007199254740991'], /^chaosops: --seed-offset 9007199254740991 is too large: these tiers' seeds go up to \d+ above it/],
		[['--episodes', '3'], /^chaosops: unknown flag --episodes for dataset; expected --out, /],
	])('refuses %j in one line, exit 2, writing nothing', (args, message) => {
		const folder = tempFolder();
		const out = path.join(folder, 'out.jsonl');
		expectOneLineRefusal(runCli(['dataset', ...args, ...(args.length === 0 ? [] : ['--out', out])]), message);
		expect(fs.readdirSync(folder)).toEqual([]);
	});

	it('refuses a prompts folder without the four files, naming each missing one, writing nothing', () => {
		const folder = tempFolder();
		const missing = path.join(folder, 'prompts');
		fs.mkdirSync(missing);
		const run = runCli(['dataset', '--system-prompts', missing, '--out', path.join(folder, 'out.jsonl')]);
		expect(run.status).toBe(2);
		expect(run.stdout).toBe('');
		for (const role of ROLES) expect(run.stderr).toContain(path.join(missing, `${role}.md`));
		expect(run.stderr).not.toMatch(/\n\s+at /);
		expect(fs.readdirSync(folder)).toEqual(['prompts']);
	});

	it('refuses a file it cannot write, before playing', () => {
		expectOneLineRefusal(runCli(['dataset', '--out', '/no/such/dir/rows.jsonl']), /^chaosops: cannot write --out \/no\/such\/dir\/rows\.jsonl: no such file or folder \(ENOENT\)$/);
	});

	it('replaces an existing file once the new one is complete, leaving nothing beside it', () => {
		const folder = tempFolder();
		const out = path.join(folder, 'rows.jsonl');
		fs.writeFileSync(out, 'old\n');
		expect(runCli(['dataset', '--tiers', 'easy', '--episodes-per-type', '1', '--out', out]).status).toBe(0);
		expect(fs.readFileSync(out, 'utf8').split('\n')[0]).toMatch(/^\{"prompt": /);
		expect(fs.readdirSync(folder)).toEqual(['rows.jsonl']);
		// A refusal leaves it as it was.
		expect(runCli(['dataset', '--format', 'csv', '--out', out]).status).toBe(2);
		expect(fs.readFileSync(out, 'utf8')).toMatch(/^\{"prompt": /);
	});
});
