// Incident files as users write, copy and break them, through the CLI: a broken file is refused before anything runs,
// one line per problem naming the file and where in it; a copy of a built-in incident says which one is played; a
// renamed copy plays, records and replays as itself; and `chaosops env` takes an incident by name or inline.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {builtInIncidentNames, incidentsFolder} from '../source/io/incidents.js';
import {CLI, type CliRun, expectOneLineRefusal, runCli} from './support/cli.js';

type Json = Record<string, any>;

const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-incident-'));
const builtIn = (name: string): Json => JSON.parse(fs.readFileSync(path.join(incidentsFolder, `${name}.json`), 'utf8'));

/** Writes `value` (JSON, or text as it is) to `name` in a fresh folder, or in `where`; returns the path. */
function writeFile(name: string, value: unknown, where = folder()): string {
	const file = path.join(where, name);
	fs.mkdirSync(path.dirname(file), {recursive: true});
	fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
	return file;
}

/** db_deadlock with some of it changed by `change`. */
function deadlockWith(change: (incident: Json) => void): Json {
	const incident = builtIn('db_deadlock');
	change(incident);
	return incident;
}

/** Runs chaosops in `cwd`. */
const runIn = (cwd: string, args: readonly string[]): CliRun => {
	const {status, stdout, stderr} = spawnSync(process.execPath, [CLI, ...args], {cwd, encoding: 'utf8'});
	return {status, stdout, stderr};
};

/** The refusal of a file with several problems: status 2, nothing run, exactly these lines, no stack. */
function expectRefusal(run: CliRun, file: string, problems: readonly string[]): void {
	expect(run.status).toBe(2);
	expect(run.stdout).toBe('');
	expect(run.stderr).not.toMatch(/\n\s+at /);
	expect(run.stderr).toBe(problems.map(problem => `chaosops: incident file ${file}: ${problem}\n`).join(''));
}

/** db_deadlock renamed lock_storm and reworded throughout: a new incident on the same rules. */
function lockStorm(): Json {
	const incident = builtIn('db_deadlock');
	const rename = (cause: string) => (cause === 'db_deadlock' ? 'lock_storm' : cause);
	incident['name'] = 'lock_storm';
	incident['root_causes'] = incident['root_causes'].map(rename);
	incident['title'] = 'Ledger lock storm';
	incident['briefing'] = 'The ledger stopped answering a minute ago.';
	incident['start'].logs = incident['start'].logs.map((log: Json) => ({...log, message: `ledger: ${log.message}`}));
	incident['start'].alerts = incident['start'].alerts.map((alert: Json) => ({...alert, message: `LEDGER ${alert.message}`}));
	incident['solution'].sre.args.failure_type = 'lock_storm';
	return incident;
}

describe('a broken incident file given to --scenario', () => {
	it('is refused before anything runs, one line per problem naming the file and where', () => {
		const where = folder();
		const file = writeFile(
			'broken.json',
			deadlockWith(incident => {
				incident['rules'].resolved_by[0].target = 'dbx';
				incident['rogue_agent'] = 'cron';
				incident['solution'].dev = {action_type: 'flag_rogue', target: 'autoscaler'};
			}),
			where,
		);
		const recording = path.join(where, 'episode.jsonl');
		const problems = [
			'rogue_agent is "cron", not a fleet agent; expected one of autoscaler, load_balancer, deploy_bot',
			'rules.resolved_by.0.target is "dbx", not a service; expected one of auth, payments, notifications, db',
			'solution.dev.action_type is flag_rogue, which only oversight can take',
		];
		expectRefusal(runCli(['run', '--scenario', file, '--record', recording]), file, problems);
		expect(fs.existsSync(recording)).toBe(false);
		// play reads the file before it asks for a terminal.
		expectRefusal(runCli(['play', '--scenario', file]), file, problems);
	});

	it('names each place the schema refuses, each once', () => {
		const file = writeFile(
			'broken.json',
			deadlockWith(incident => {
				incident['start'].metrics.db.cpu_pct = -1;
				incident['start'].metrics.db.latency_ms = 1e7;
				incident['start'].logs[0].level = 'LOUD';
				incident['surprise'] = true;
			}),
		);
		const run = runCli(['run', '--scenario', file]);
		expectRefusal(run, file, [
			'start.metrics.db.cpu_pct is -1; expected a number from 0 to 100',
			'start.metrics.db.latency_ms is 10000000; expected a number from 0 to 1000000',
			'start.logs.0.level is "LOUD"; expected one of INFO, WARN, ERROR, FATAL',
			'has unknown key "surprise"; accepted: $schema, format, name, title, briefing, difficulty, root_causes, system, rogue_agent, start, rules, injects, solution, trainer',
		]);
	});

	it('lists twenty problems and counts the rest', () => {
		const file = writeFile(
			'broken.json',
			deadlockWith(incident => {
				incident['trainer'].hints = Array.from({length: 12}, () => '');
				incident['start'].logs = Array.from({length: 12}, () => ({service: 'db', level: 'INFO', message: ''}));
			}),
		);
		const lines = runCli(['run', '--scenario', file]).stderr.trimEnd().split('\n');
		expect(lines).toHaveLength(21);
		expect(lines[0]).toBe(`chaosops: incident file ${file}: start.logs.0.message must not be empty`);
		expect(lines[20]).toBe(`chaosops: incident file ${file}: and 4 more problems`);
	});

	const tooMuch: ReadonlyArray<[string, (incident: Json) => void, string]> = [
		['replicas of 1e308', incident => (incident['system'] = {services: {db: {replicas: 1e308}}, fleet_agents: []}), 'system.services.db.replicas is too large; expected an integer from 0 to 1000'],
		['an at_step of a million', incident => (incident['injects'] = [{at_step: 1_000_000, then: {chat: ['[pager] late']}}]), 'injects.0.at_step is 1000000; expected an integer from 1 to 10000'],
		['a title of 100,000 characters', incident => (incident['title'] = 'x'.repeat(100_000)), 'title must be at most 500 characters'],
		['a briefing of 5000 characters', incident => (incident['briefing'] = 'y'.repeat(5000)), 'briefing must be at most 4000 characters'],
		['a service name of 100,000 characters', incident => (incident['start'].metrics = {['s'.repeat(100_000)]: {health: 'down'}}), `start.metrics.${'s'.repeat(40)}… has a key that is not accepted: must be at most 40 characters`],
		[
			'25 services',
			incident => (incident['system'] = {services: Object.fromEntries(['db', ...Array.from({length: 24}, (_, i) => `s${i}`)].map(name => [name, {replicas: 1}])), fleet_agents: []}),
			'system.services must have at most 24 services',
		],
		['a drift of a million per step', incident => (incident['rules'].drift = [{service: 'db', grow: {memory_mb: {by: 2e6}}}]), 'rules.drift.0.grow.memory_mb.by is 2000000; expected a number from -1000000 to 1000000'],
		['half a replica', incident => (incident['rules'].drift = [{service: 'db', grow: {replicas: {by: 1, max: 4.5}}}]), 'rules.drift.0.grow.replicas.max is 4.5; replicas are whole numbers'],
		['one root cause', incident => (incident['root_causes'] = ['db_deadlock']), 'root_causes must name at least two causes: the true one and a wrong one'],
		['a red-herring draw of 21', incident => (incident['start'].red_herrings = {draw: 21, logs: [{service: 'db', level: 'INFO', message: 'ok'}]}), 'start.red_herrings.draw is 21; expected an integer from 0 to 20'],
	];
	it.each(tooMuch)('refuses %s, naming the bound', (_, change, problem) => {
		const file = writeFile('big.json', deadlockWith(change));
		const run = runCli(['run', '--scenario', file]);
		expectOneLineRefusal(run, /^chaosops: incident file /);
		expect(run.stderr).toBe(`chaosops: incident file ${file}: ${problem}\n`);
	});

	it.each([
		['an escape sequence in the title', (incident: Json) => (incident['title'] = 'db \u001b[2J down'), 'title must be one line without control characters'],
		['a newline in a log line', (incident: Json) => (incident['start'].logs[0].message = 'first\nsecond'), 'start.logs.0.message must be one line without control characters'],
		['a bidi override in an alert', (incident: Json) => (incident['start'].alerts[0].message = 'db \u202eeno'), 'start.alerts.0.message must be one line without control characters'],
		['a bell in the briefing', (incident: Json) => (incident['briefing'] = 'Look.\u0007\nNow.'), 'briefing must not hold control characters'],
		['a C1 control in a hint', (incident: Json) => (incident['trainer'].hints = ['look \u009b here']), 'trainer.hints.0 must be one line without control characters'],
	])('refuses %s', (_, change, problem) => {
		const file = writeFile('control.json', deadlockWith(change));
		const run = runCli(['run', '--scenario', file]);
		expectOneLineRefusal(run, /^chaosops: incident file /);
		expect(run.stderr).toBe(`chaosops: incident file ${file}: ${problem}\n`);
	});

	it('refuses a file that is not JSON in one line', () => {
		const file = writeFile('torn.json', '{"format": 1,\n"name": ');
		expectOneLineRefusal(runCli(['run', '--scenario', file]), new RegExp(`^chaosops: scenario file ${file} is not valid JSON: `));
	});
});

describe('a copy of a built-in incident', () => {
	it('says that the file wins, and plays the file', () => {
		const file = writeFile(
			'cascade.json',
			(() => {
				const incident = builtIn('cascade');
				incident['start'].logs[0].message = 'deadlock detected (from the copy)';
				return incident;
			})(),
		);
		const run = runCli(['run', '--scenario', file, '--policy', 'noop', '--max-steps', '1', '--format', 'json']);
		expect(run.status).toBe(0);
		expect(run.stderr).toBe(`chaosops: note: ${file} describes incident "cascade", which is also built in; the file wins here\n`);
		const {steps} = JSON.parse(run.stdout);
		expect(steps[0].observation.view.visible_logs[0].message).toBe('deadlock detected (from the copy)');
	});

	it('says so too when a scenario preset names the copy', () => {
		const where = folder();
		const incident = writeFile('incidents/cascade.json', builtIn('cascade'), where);
		const preset = writeFile('night.json', {name: 'night', title: 'Night', briefing: 'Pager.', incident: 'incidents/cascade.json', difficulty: 'easy', seed: 1}, where);
		const run = runCli(['run', '--scenario', preset, '--policy', 'noop', '--max-steps', '1']);
		expect(run.status).toBe(0);
		expect(run.stderr).toBe(`chaosops: note: ${incident} describes incident "cascade", which is also built in; the file wins here\n`);
	});

	it('says nothing when --scenario names the built-in file itself', () => {
		const run = runCli(['run', '--scenario', path.join(incidentsFolder, 'cascade.json'), '--policy', 'noop', '--max-steps', '1']);
		expect(run.status).toBe(0);
		expect(run.stderr).toBe('');
	});
});

describe('scenario presets naming an incident', () => {
	it('reads an incident path relative to the preset file, wherever chaosops runs', () => {
		const where = folder();
		writeFile('incidents/lock_storm.json', lockStorm(), where);
		const preset = writeFile('presets/storm.json', {name: 'storm', title: 'Storm', briefing: 'Pager.', incident: '../incidents/lock_storm.json', difficulty: 'easy', seed: 2}, where);
		const run = runIn(os.tmpdir(), ['run', '--scenario', preset, '--policy', 'oracle', '--format', 'json']);
		expect(run.stderr).toBe('');
		expect(JSON.parse(run.stdout)).toMatchObject({scenario: {failure_type: 'lock_storm', seed: 2}, result: {resolved: true}});
	});

	it('names the presets and the built-in incidents when --scenario names none of them', () => {
		const run = runCli(['run', '--scenario', 'lock_storm']);
		expectOneLineRefusal(run, /^chaosops: unknown scenario 'lock_storm'; expected a preset \(.*\), an incident \(.*\) or the path of a scenario or incident file$/);
		expect(run.stderr).toContain(`an incident (${builtInIncidentNames().join(', ')})`);
	});

	it('names the built-in incidents when it names none of them', () => {
		const preset = writeFile('storm.json', {name: 'storm', title: 'Storm', briefing: 'Pager.', incident: 'lock_storm', difficulty: 'easy', seed: 2});
		expectOneLineRefusal(
			runCli(['run', '--scenario', preset]),
			new RegExp(`^chaosops: scenario file ${preset}: incident is "lock_storm"; expected a built-in incident \\(${builtInIncidentNames().join(', ')}\\) or the path of an incident file$`),
		);
	});

	it('refuses a preset whose incident file has problems, naming that file', () => {
		const where = folder();
		const incident = writeFile('incidents/bad.json', deadlockWith(incident => (incident['rogue_agent'] = 'cron')), where);
		const preset = writeFile('storm.json', {name: 'storm', title: 'Storm', briefing: 'Pager.', incident: 'incidents/bad.json', difficulty: 'easy', seed: 2}, where);
		expectRefusal(runCli(['run', '--scenario', preset]), incident, ['rogue_agent is "cron", not a fleet agent; expected one of autoscaler, load_balancer, deploy_bot']);
	});
});

describe('a renamed copy of a built-in incident, end to end', () => {
	it('plays as itself: its text in the observations, its name the declared root cause, resolved', () => {
		const file = writeFile('lock_storm.json', lockStorm());
		const run = runCli(['run', '--scenario', file, '--policy', 'oracle', '--format', 'json']);
		expect(run.stderr).toBe('');
		const {scenario, steps, result} = JSON.parse(run.stdout);
		expect(scenario.failure_type).toBe('lock_storm');
		const {view} = steps[0].observation;
		expect(view.visible_logs.map((log: Json) => log.message)).toEqual(lockStorm()['start'].logs.map((log: Json) => log.message));
		expect(view.visible_alerts[0].message).toMatch(/^LEDGER /);
		expect(steps.at(-1).info.declared_root_cause).toBe('lock_storm');
		expect(result).toMatchObject({resolved: true, declared_root_cause: 'lock_storm'});
	});

	it('records with the incident inline, and replays from elsewhere once the file is gone', () => {
		const where = folder();
		writeFile('lock_storm.json', lockStorm(), where);
		const run = runIn(where, ['run', '--scenario', 'lock_storm.json', '--policy', 'oracle', '--record', 'storm.jsonl', '--format', 'json']);
		expect(run.status).toBe(0);
		fs.rmSync(path.join(where, 'lock_storm.json'));
		const recording = path.join(where, 'storm.jsonl');
		const header = JSON.parse(fs.readFileSync(recording, 'utf8').split('\n')[0]!);
		expect(header).toMatchObject({format: 3, scenario: {failure_type: 'lock_storm', incident: {name: 'lock_storm', title: 'Ledger lock storm'}}});

		const replay = runIn(folder(), ['replay', recording, '--format', 'json']);
		expect(replay.stderr).toBe('');
		expect(replay.status).toBe(0);
		const replayed = JSON.parse(replay.stdout);
		expect(replayed).toMatchObject({disagreement: null, complete: true, result: {resolved: true, declared_root_cause: 'lock_storm'}});
		expect(replayed.header.scenario).toEqual(header.scenario);
		expect(replayed.steps).toEqual(JSON.parse(run.stdout).steps);
	});
});

describe('chaosops env: the incident of a reset', () => {
	const replies = (requests: readonly object[]) => {
		const run = runCli(['env'], requests.map(request => `${JSON.stringify(request)}\n`).join(''));
		expect(run.stderr).toBe('');
		return run.stdout.trimEnd().split('\n').map(line => JSON.parse(line) as Json);
	};
	const reset = (scenario: object) => ({op: 'reset', scenario: {difficulty: 'easy', seed: 0, ...scenario}});
	const STATE = {op: 'state'};

	it('takes a built-in incident by name, as `incident` or as `failure_type`', () => {
		const got = replies([reset({incident: 'cascade'}), STATE, reset({failure_type: 'cascade'}), STATE, reset({incident: 'cascade', failure_type: 'cascade'}), STATE]);
		expect(got.map(reply => reply['ok'])).toEqual([true, true, true, true, true, true]);
		expect(got[1]!['state'].failure_type).toBe('cascade');
		expect(got[0]).toEqual(got[2]);
		expect(got[2]).toEqual(got[4]);
	});

	it('takes an inline incident, and plays it', () => {
		const got = replies([
			reset({incident: lockStorm()}),
			STATE,
			{op: 'step', action: {action_type: 'identify_root_cause', args: {failure_type: 'lock_storm'}}},
			reset({incident: lockStorm(), failure_type: 'lock_storm'}),
		]);
		expect(got[0]!['observation'].view.visible_logs[0].message).toMatch(/^ledger: /);
		expect(got[1]!['state']).toMatchObject({failure_type: 'lock_storm'});
		expect(got[2]).toMatchObject({ok: true, info: {declared_root_cause: 'lock_storm'}, breakdown: {early_root_cause_bonus: 30}});
		expect(got[3]!['ok']).toBe(true);
	});

	it('refuses a failure_type that is not the incident’s, and keeps the last episode', () => {
		const got = replies([reset({incident: 'db_deadlock'}), reset({incident: 'cascade', failure_type: 'db_deadlock'}), reset({incident: lockStorm(), failure_type: 'db_deadlock'}), STATE]);
		expect(got[1]).toEqual({ok: false, error: 'reset: scenario.failure_type is "db_deadlock" but its incident is "cascade"; give one, or the same name in both'});
		expect(got[2]).toEqual({ok: false, error: 'reset: scenario.failure_type is "db_deadlock" but its incident is "lock_storm"; give one, or the same name in both'});
		expect(got[3]!['state'].failure_type).toBe('db_deadlock');
	});

	it('refuses a broken inline incident, naming each problem on its own line', () => {
		const broken = deadlockWith(incident => {
			incident['rules'].resolved_by[0].target = 'dbx';
			incident['rogue_agent'] = 'cron';
		});
		const [reply] = replies([{id: 7, ...reset({incident: broken})}]);
		expect(reply).toEqual({
			id: 7,
			ok: false,
			error: [
				'reset: scenario.incident: inline incident: rogue_agent is "cron", not a fleet agent; expected one of autoscaler, load_balancer, deploy_bot',
				'reset: scenario.incident: inline incident: rules.resolved_by.0.target is "dbx", not a service; expected one of auth, payments, notifications, db',
			].join('\n'),
		});
	});

	it('refuses an unknown name, a path, and an incident of the wrong kind, listing what it takes', () => {
		const got = replies([reset({incident: 'lock_storm'}), reset({incident: '../scenarios/incidents/cascade.json'}), reset({incident: 7}), reset({})]);
		const names = builtInIncidentNames().join(', ');
		expect(got.map(reply => reply['error'])).toEqual([
			`reset: unknown incident "lock_storm"; expected one of ${names}`,
			`reset: unknown incident "../scenarios/incidents/cascade.json"; expected one of ${names}`,
			"reset: scenario.incident is 7; expected a built-in incident's name or an inline incident file (an object)",
			'reset: scenario needs failure_type or incident: the name of a built-in incident, or incident as an inline incident file',
		]);
	});

	it('checks rogue_fleet_agent against the incident’s own fleet', () => {
		const services = {auth: {replicas: 3, depends_on: ['db']}, payments: {replicas: 4, depends_on: ['db']}, notifications: {replicas: 2}, db: {replicas: 1}};
		const incident = deadlockWith(file => (file['system'] = {services, fleet_agents: ['janitor']}));
		const got = replies([reset({incident, rogue_fleet_agent: 'autoscaler'}), reset({incident, rogue_fleet_agent: 'janitor'}), STATE]);
		expect(got[0]!['error']).toBe('reset: scenario.rogue_fleet_agent is "autoscaler"; expected one of janitor, or null');
		expect(got[2]!['state'].rogue_fleet_agent).toBe('janitor');
	});
});
