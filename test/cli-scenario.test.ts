// `chaosops scenario check` and `scenario new` as an author uses them: every problem of a file on its own line with
// its JSON path, the policies' table, the exit status that says which of the two went wrong, and a new file that
// works from the start.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {REFERENCE_INCIDENTS, builtInFile} from '../source/io/incidents.js';
import {CLI, type CliRun, expectOneLineRefusal, runCli} from './support/cli.js';

const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-scenario-cli-'));
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** A new incident file made by `scenario new`, changed by `edit`, in a fresh folder. */
function incidentFile(name: string, edit: (incident: any) => void = () => {}): string {
	const dir = folder();
	const file = path.join(dir, `${name}.json`);
	const made = runCli(['scenario', 'new', name, '--output', file]);
	expect(made.status).toBe(0);
	const incident = readJson(file);
	edit(incident);
	fs.writeFileSync(file, JSON.stringify(incident, null, 2));
	return file;
}

type Policies = Record<string, {episodes: number; resolution_rate: number; mean_mttr: number | null; mean_reward: number}>;
type FileJson = {
	file: string;
	incident: string | null;
	title: string | null;
	problems: string[];
	policies: Policies | null;
	oracle_resolves_all: boolean;
	oracle_unresolved: Array<{difficulty: string; seed: number}>;
};

describe('chaosops scenario check: the built-in incidents', () => {
	let run: CliRun;
	let files: FileJson[];
	beforeAll(() => {
		run = runCli(['scenario', 'check', ...REFERENCE_INCIDENTS, '--json']);
		files = JSON.parse(run.stdout).files;
	});

	it('passes every one, the oracle resolving each of its episodes', () => {
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(files.map(file => file.file)).toEqual([...REFERENCE_INCIDENTS]);
		for (const file of files) {
			expect(file).toMatchObject({incident: file.file, problems: [], oracle_resolves_all: true, oracle_unresolved: []});
			expect(Object.keys(file.policies!)).toEqual(['oracle', 'heuristic', 'random']);
			// 20 seeds at each of the three difficulties.
			expect(file.policies!['oracle']).toMatchObject({episodes: 60, resolution_rate: 1});
		}
	});

	it('gives the document the shape the docs describe', () => {
		const document = JSON.parse(run.stdout);
		expect(document).toMatchObject({seeds: 20, max_steps: 20, difficulties: ['easy', 'medium', 'hard']});
		const cascade = files.find(file => file.file === 'cascade')!;
		expect(cascade.title).toBe('Deadlock that cascades');
		for (const figures of Object.values(cascade.policies!)) {
			expect(Object.keys(figures)).toEqual(['episodes', 'resolution_rate', 'mean_mttr', 'mean_reward']);
		}
		// rogue_deploy_bot is never resolved by random in all four seats: no mean time to resolve.
		expect(files.find(file => file.file === 'rogue_deploy_bot')!.policies!['random']!.mean_mttr).toBeNull();
	});

	it('prints a table per file with the same figures, and the built-in file itself shadows nothing', () => {
		const text = runCli(['scenario', 'check', 'cascade', builtInFile('rogue_deploy_bot'), '--seeds', '3']);
		expect(text.status).toBe(0);
		expect(text.stderr).toBe('');
		const lines = text.stdout.trimEnd().split('\n');
		expect(lines[0]).toBe('cascade: incident cascade, "Deadlock that cascades"; seeds 0 to 2 on easy, medium, hard, at most 20 steps');
		expect(lines[1]).toMatch(/^policy\s+episodes\s+mean reward\s+resolved\s+mean MTTR$/);
		expect(lines[2]).toMatch(/^oracle\s+9\s+-?\d+\.\d\s+100\.0%\s+\d+\.\d$/);
		expect(lines[3]).toMatch(/^heuristic\s+9\s/);
		expect(lines[4]).toMatch(/^random\s+9\s/);
		expect(lines[5]).toBe('cascade: the oracle resolves all 9 episodes');
		expect(lines[6]).toBe('');
		expect(lines.at(-1)).toBe(`${builtInFile('rogue_deploy_bot')}: the oracle resolves all 9 episodes`);
		expect(new Set(lines.slice(1, 5).map(line => line.length)).size).toBe(1);
	});
});

describe('chaosops scenario check: problems', () => {
	it('lists every problem of a broken file with its JSON path, and exits 2', () => {
		const file = incidentFile('broken', incident => {
			incident.system.services.db.depends_on = ['payments'];
			incident.start.logs[0].service = 'printer';
			incident.start.fleet_actions[0].agent = 'ghost_bot';
		});
		const run = runCli(['scenario', 'check', file]);
		expect(run.status).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr.trimEnd().split('\n')).toEqual([
			`${file}: system.services has a dependency cycle: db -> payments -> db`,
			`${file}: start.logs.0.service is "printer", neither a service nor a fleet agent; expected one of auth, payments, notifications, db, autoscaler, load_balancer, deploy_bot`,
			`${file}: start.fleet_actions.0.agent is "ghost_bot", not a fleet agent; expected one of autoscaler, load_balancer, deploy_bot`,
		]);
	});

	it('names an unknown role and an unknown action type in its own words', () => {
		const file = incidentFile('strange', incident => {
			incident.solution.ceo = {action_type: 'noop'};
			incident.rules.beneficial[0].action = 'reboot';
		});
		const run = runCli(['scenario', 'check', file]);
		expect(run.status).toBe(2);
		expect(run.stderr).toContain(`${file}: solution has unknown key "ceo"; accepted: sre, dev, manager, oversight\n`);
		expect(run.stderr).toContain(`${file}: rules.beneficial.0.action is "reboot"; expected one of noop, communicate, restart,`);
	});

	it('checks every file, good and bad, and says what kept one from being read', () => {
		const dir = folder();
		const notJson = path.join(dir, 'half.json');
		fs.writeFileSync(notJson, '{"format": 1,');
		const run = runCli(['scenario', 'check', notJson, 'no_such_incident', dir, 'db_deadlock', '--seeds', '1']);
		expect(run.status).toBe(2);
		const lines = run.stderr.trimEnd().split('\n');
		expect(lines[0]).toMatch(new RegExp(`^${notJson}: the file is not valid JSON: `));
		expect(lines[1]).toMatch(/^no_such_incident: no such file, and no built-in incident of that name; expected an incident file or one of autoscaler_cost_cut, /);
		expect(lines[2]).toBe(`${dir}: cannot read the file: it is a folder, not a regular file`);
		expect(lines).toHaveLength(3);
		// The good one is still played.
		expect(run.stdout).toContain('db_deadlock: the oracle resolves all 3 episodes');
	});

	it('tells a scenario file from an incident file', () => {
		const preset = path.join(path.dirname(builtInFile('cascade')), '..', 'cascade-night-shift.json');
		expectOneLineRefusal(
			runCli(['scenario', 'check', preset]),
			/^.*cascade-night-shift\.json: is a scenario file \(it names an incident, and has no format\), not an incident file; check the incident it names instead$/,
		);
	});

	it('exits 1 when the oracle cannot solve the incident, naming the seed, the difficulty and how to watch it', () => {
		// The dev restarts auth instead of rolling it back: a wrong fix, every time.
		const file = incidentFile('unsolved', incident => (incident.solution.dev = {action_type: 'restart', target: 'auth'}));
		const run = runCli(['scenario', 'check', file, '--seeds', '4', '--max-steps', '12']);
		expect(run.status).toBe(1);
		const lines = run.stderr.trimEnd().split('\n');
		expect(lines).toEqual(
			['easy', 'medium', 'hard'].map(
				difficulty =>
					`${file}: the oracle did not resolve seed 0 on ${difficulty} within 12 steps (nor 3 more of the 4 seeds on ${difficulty}); to watch it: chaosops run --scenario ${file} --difficulty ${difficulty} --seed 0 --max-steps 12 --policy oracle`,
			),
		);
		expect(run.stdout).toMatch(/\noracle\s+12\s+-\d+\.\d\s+0\.0%\s+-\n/);
		const watched = runCli(['run', '--scenario', file, '--difficulty', 'hard', '--seed', '0', '--max-steps', '12', '--policy', 'oracle', '--format', 'json']);
		expect(JSON.parse(watched.stdout).result).toMatchObject({resolved: false, final_step: 12});
	});

	it('puts problems and unresolved episodes in the --json document, with the same exit status', () => {
		const broken = incidentFile('broken', incident => (incident.rogue_agent = 'ghost_bot'));
		const unsolved = incidentFile('unsolved', incident => delete incident.solution.dev);
		const run = runCli(['scenario', 'check', broken, unsolved, '--json', '--seeds', '2']);
		expect(run.status).toBe(2);
		expect(run.stderr).toBe('');
		const [first, second] = JSON.parse(run.stdout).files as FileJson[];
		expect(first).toEqual({
			file: broken,
			incident: 'broken',
			title: 'Deploy bot ships a broken auth build',
			problems: ['rogue_agent is "ghost_bot", not a fleet agent; expected one of autoscaler, load_balancer, deploy_bot'],
			policies: null,
			oracle_resolves_all: false,
			oracle_unresolved: [],
		});
		expect(second).toMatchObject({file: unsolved, problems: [], oracle_resolves_all: false});
		expect(second!.oracle_unresolved).toEqual(['easy', 'medium', 'hard'].flatMap(difficulty => [0, 1].map(seed => ({difficulty, seed}))));
		expect(second!.policies!['oracle']).toEqual({episodes: 6, resolution_rate: 0, mean_mttr: null, mean_reward: expect.any(Number)});
	});

	it('says on stderr when a file describes an incident that is also built in', () => {
		const file = incidentFile('cascade_again', incident => {
			incident.name = 'cascade';
			incident.root_causes[0] = 'cascade';
			incident.solution.sre.args.failure_type = 'cascade';
		});
		const run = runCli(['scenario', 'check', file, '--seeds', '1']);
		expect(run.status).toBe(0);
		expect(run.stderr).toBe(`chaosops: note: ${file} describes incident "cascade", which is also built in; the file wins here\n`);
	});

	it.each([
		[['check'], /^chaosops: scenario check needs at least one FILE: an incident file, or a built-in incident's name/],
		[['check', 'cascade', '--seeds', '0'], /^chaosops: --seeds '0' is not valid; expected an integer from 1 to 1000$/],
		[['check', 'cascade', '--seeds', '1001'], /^chaosops: --seeds '1001' is not valid; expected an integer from 1 to 1000$/],
		[['check', 'cascade', '--json=yes'], /^chaosops: --json takes no value; write --json alone/],
		[['check', 'cascade', '--no-json'], /^chaosops: --no-json is not a flag: --json is off unless given; leave it out/],
		[['check', 'cascade', '--policy', 'oracle'], /^chaosops: unknown flag --policy for scenario check; expected --seeds, --max-steps, --json/],
		[[], /^chaosops: scenario needs a subcommand: check, new \(see chaosops scenario --help\)$/],
		[['lint'], /^chaosops: unknown subcommand 'lint' for scenario; expected one of: check, new/],
		[['constructor'], /^chaosops: unknown subcommand 'constructor' for scenario/],
	])('scenario %j → one line and exit status 2', (args, message) => {
		expectOneLineRefusal(runCli(['scenario', ...args]), message);
	});
});

describe('chaosops scenario new', () => {
	it('writes a file that passes check, its $schema leading to the installed schema', () => {
		const dir = folder();
		const made = runCli(['scenario', 'new', 'printer_fire', '--output', path.join(dir, 'printer_fire.json')]);
		expect(made.status).toBe(0);
		expect(made.stdout).toContain(`chaosops scenario check ${dir}/printer_fire.json`);
		const file = path.join(dir, 'printer_fire.json');
		const incident = readJson(file);
		expect(incident).toMatchObject({format: 1, name: 'printer_fire', root_causes: expect.arrayContaining(['printer_fire'])});
		expect(incident.solution.sre.args.failure_type).toBe('printer_fire');
		const schema = path.resolve(dir, incident.$schema);
		expect(readJson(schema).$schema).toMatch(/json-schema/);
		expect(fs.realpathSync(schema)).toBe(fs.realpathSync(path.join(path.dirname(builtInFile('cascade')), '..', 'incident.schema.json')));
		const checked = runCli(['scenario', 'check', file]);
		expect(checked.stderr).toBe('');
		expect(checked.status).toBe(0);
		expect(checked.stdout).toContain('the oracle resolves all 60 episodes');
	});

	it('fills every part of the format', () => {
		const incident = readJson(incidentFile('full'));
		expect(Object.keys(incident)).toEqual(['$schema', 'format', 'name', 'title', 'briefing', 'difficulty', 'root_causes', 'system', 'rogue_agent', 'start', 'rules', 'injects', 'solution', 'trainer']);
		expect(Object.keys(incident.rules)).toEqual(['resolved_by', 'beneficial', 'secondary_failures', 'drift']);
		expect(incident.start.red_herrings.logs.length).toBeGreaterThan(0);
		expect(incident.injects[0].at_step).toBeGreaterThan(0);
		expect(incident.trainer.hints.length).toBeGreaterThan(1);
		expect(incident.trainer.notes.map((note: {verdict: string}) => note.verdict)).toEqual(expect.arrayContaining(['helps', 'hurts', 'neutral']));
	});

	it('writes ./NAME.json by default and refuses to overwrite it unless --force', () => {
		const dir = folder();
		const run = (...args: string[]): CliRun => {
			const {status, stdout, stderr} = spawnSync(process.execPath, [CLI, 'scenario', 'new', 'printer_fire', ...args], {cwd: dir, encoding: 'utf8'});
			return {status, stdout, stderr};
		};
		expect(run().status).toBe(0);
		const file = path.join(dir, 'printer_fire.json');
		fs.writeFileSync(file, 'my own work');
		expectOneLineRefusal(run(), /^chaosops: printer_fire\.json already exists; to replace it give --force, or write elsewhere with --output FILE$/);
		expect(fs.readFileSync(file, 'utf8')).toBe('my own work');
		expect(run('--force').status).toBe(0);
		expect(readJson(file).name).toBe('printer_fire');
	});

	it.each([
		[[], /^chaosops: scenario new needs the NAME of the incident, e.g. printer_fire/],
		[['Printer Fire'], /^chaosops: NAME "Printer Fire" must be lower-case letters, digits and _, starting with a letter$/],
		[['a', 'b'], /^chaosops: unexpected argument 'b' for scenario new: it takes one NAME/],
		[['cascade'], /^chaosops: NAME "cascade" is a built-in incident's; a file of that name would be played instead of it, so choose another$/],
		[['printer_fire', '--output', '/no/such/folder/x.json'], /^chaosops: cannot write \/no\/such\/folder\/x\.json: no such file or folder \(ENOENT\)$/],
	])('scenario new %j → one line and exit status 2', (args, message) => {
		expectOneLineRefusal(runCli(['scenario', 'new', ...args]), message);
	});
});

describe('chaosops scenario --help', () => {
	it.each([
		[[], /^Usage: chaosops scenario <subcommand> \[options\]/],
		[['check'], /^Usage: chaosops scenario check FILE… \[options\]/],
		[['new'], /^Usage: chaosops scenario new NAME \[options\]/],
	])('scenario %j --help', (args, usage) => {
		const run = runCli(['scenario', ...args, '--help']);
		expect(run.status).toBe(0);
		expect(run.stdout).toMatch(usage);
		expect(run.stdout).toContain('Examples\n  chaosops scenario ');
	});

	it('is listed among the commands', () => {
		expect(runCli(['--help']).stdout).toMatch(/\n {2}scenario {2}write your own incidents/);
	});

	it('is a command as the others are, and an object property is none', () => {
		expectOneLineRefusal(runCli(['constructor']), /^chaosops: unknown command 'constructor'; expected one of: play, run, eval, lab, dataset, env, serve, replay, debrief, host, join, scenario$/);
	});
});
