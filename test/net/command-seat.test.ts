// cmd: seats with small programs: what each turn writes on the program's stdin, and what chaosops plays of what it
// answers (an action, garbage, nothing in time, a crash); the example agent plays a seat; the program is stopped
// with its episode.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {loadSystemPrompts} from '../../source/io/model/system-prompts.js';
import {runCli, runCliAsync} from '../support/cli.js';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-cmd-'));
const script = (name: string, body: string): string => {
	const file = path.join(folder, name);
	fs.writeFileSync(file, `import json, sys, time\n${body}\n`);
	return file;
};

const SAY = {action_type: 'communicate', args: {message: 'on it'}};
const echo = script('echo.py', `log = open(sys.argv[1], "a")\nfor line in sys.stdin:\n    log.write(line)\n    log.flush()\n    print(json.dumps(${JSON.stringify(SAY)}), flush=True)`);
const crash = script('crash.py', 'sys.stdin.readline()\nsys.stderr.write("boom: \\x1b[31mred\\n")\nsys.exit(3)');
const hang = script('hang.py', 'for line in sys.stdin:\n    time.sleep(60)');
const garbage = script('garbage.py', 'for line in sys.stdin:\n    print("hello there", flush=True)');
const oddArgs = script('odd-args.py', 'for line in sys.stdin:\n    print(json.dumps({"action_type": "communicate", "args": {"message": "hi", "valueOf": None, "constructor": "x"}}), flush=True)');
const declare = script('declare.py', 'for line in sys.stdin:\n    print(json.dumps({"action_type": "identify_root_cause", "args": {"failure_type": "cache_stampede"}}), flush=True)');
const pid = script('pid.py', 'open(sys.argv[1], "w").write(str(__import__("os").getpid()))\nfor line in sys.stdin:\n    print("{}", flush=True)');

type Step = {role: string; by: string; observation?: unknown; action: {action_type: string; target: string | null; args: Record<string, unknown>}; agent?: {source: string; replies: string[]; notice: string | null}};

function run(command: string, extra: string[] = []) {
	const result = runCli(['run', '--scenario', 'db_deadlock', '--policy', `sre=cmd:${command}`, '--format', 'json', ...extra]);
	expect(result.status).toBe(0);
	return {steps: (JSON.parse(result.stdout) as {steps: Step[]}).steps, stderr: result.stderr};
}

describe('a cmd: seat', () => {
	it('writes one JSON line per turn (role, step, prompt, messages, observation) and plays the line answered', () => {
		const log = path.join(folder, 'echo.log');
		const command = `python3 ${echo} '${log}'`;
		const {steps} = run(command, ['--max-steps', '5']);
		const sre = steps.filter(step => step.role === 'sre');
		expect(sre.map(step => step.action)).toEqual([SAY, SAY].map(action => expect.objectContaining(action)));
		expect(sre[0]!.by).toBe('cmd');
		expect(sre[0]!.agent).toMatchObject({source: command, notice: null});
		expect(sre[0]!.agent!.replies.map(reply => JSON.parse(reply))).toEqual([SAY]);
		const lines = fs.readFileSync(log, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line));
		expect(lines.map(line => [line.role, line.step])).toEqual([['sre', 0], ['sre', 4]]);
		const system = loadSystemPrompts().sre;
		expect(Object.keys(lines[0]!)).toEqual(['role', 'step', 'prompt', 'messages', 'observation']);
		expect(lines[0]!.prompt).toMatch(/\n\nSTEP 0\nROLE SRE\n/);
		expect(lines[0]!.prompt.startsWith(system)).toBe(true);
		expect(lines[0]!.messages).toEqual([{role: 'system', content: system}, {role: 'user', content: lines[0]!.prompt.slice(system.length + 2)}]);
		expect(lines[0]!.observation).toEqual(steps[0]!.observation);
	});

	it('is a noop with a notice when the program crashes, its stderr shown without control characters', () => {
		const {steps} = run(`python3 ${crash}`, ['--max-steps', '5']);
		const sre = steps.filter(step => step.role === 'sre');
		expect(sre.map(step => step.action.action_type)).toEqual(['noop', 'noop']);
		expect(sre[0]!.agent!.notice).toBe('the program exited with status 3 (its last words: "boom: \\\\x1b[31mred"); noop');
		expect(sre[1]!.agent!.notice).toMatch(/^the program exited with status 3/);
	});

	it('is a noop with a notice when the program does not answer within --agent-timeout', () => {
		const {steps} = run(`python3 ${hang}`, ['--max-steps', '1', '--agent-timeout', '0.2']);
		expect(steps[0]!.action.action_type).toBe('noop');
		expect(steps[0]!.agent!.notice).toBe('no line from the program within 0.2s; noop');
	});

	it('is a noop with a notice when the line holds no action', () => {
		const {steps} = run(`python3 ${garbage}`, ['--max-steps', '1']);
		expect(steps[0]!.action.action_type).toBe('noop');
		expect(steps[0]!.agent).toEqual({source: `python3 ${garbage}`, replies: ['hello there'], notice: `the program's line holds no action: "hello there"; noop`});
	});

	it("plays an action whose args are named as an object's own methods are", () => {
		const {steps} = run(`python3 ${oddArgs}`, ['--max-steps', '1']);
		expect(steps[0]!.action).toMatchObject({action_type: 'communicate', args: {message: 'hi', constructor: 'x'}});
		expect(steps[0]!.agent!.notice).toBeNull();
	});

	it('declares an incident of our own by its own root causes, which the reference’s nine do not name', () => {
		const result = runCli(['run', '--scenario', 'cache_stampede', '--policy', `sre=cmd:python3 ${declare}`, '--max-steps', '1', '--format', 'json']);
		expect(result.status).toBe(0);
		const [step] = (JSON.parse(result.stdout) as {steps: Step[]}).steps;
		expect(step!.action).toMatchObject({action_type: 'identify_root_cause', args: {failure_type: 'cache_stampede'}});
	});

	it('is a noop with a notice when the program cannot be started', () => {
		const {steps} = run('./no-such-program --flag', ['--max-steps', '1']);
		expect(steps[0]!.agent!.notice).toBe('cannot run ./no-such-program: no such file or folder (ENOENT); noop');
	});

	it("is a noop with a notice when node will not start the program (an empty name)", () => {
		const {steps} = run(`'' --flag`, ['--max-steps', '1']);
		expect(steps[0]!.agent!.notice).toMatch(/^cannot run "": .*; noop$/);
	});

	it('stops the program when the episode is over', async () => {
		const file = path.join(folder, 'pid');
		run(`python3 ${pid} ${file}`, ['--max-steps', '2']);
		const alive = () => {
			try {
				process.kill(Number(fs.readFileSync(file, 'utf8')), 0);
				return true;
			} catch {
				return false;
			}
		};
		await vi.waitFor(() => expect(alive()).toBe(false));
	});

	it('is played by the example agent, which finds the root cause and fixes it', async () => {
		const result = await runCliAsync(['run', '--scenario', 'db_deadlock', '--policy', 'sre=cmd:python3 examples/agent.py', '--teammates', 'heuristic', '--format', 'json']);
		expect(result.status).toBe(0);
		const {steps, result: outcome} = JSON.parse(result.stdout) as {steps: Step[]; result: {resolved: boolean}};
		expect(steps[0]!.action).toMatchObject({action_type: 'identify_root_cause', args: {failure_type: 'db_deadlock'}});
		expect(outcome.resolved).toBe(true);
		// Its stderr goes on, line by line, named by its command.
		expect(result.stderr).toMatch(/^chaosops: python3 examples\/agent\.py: /m);
	});

	it('plays in eval, where every episode starts the program afresh', () => {
		const log = path.join(folder, 'eval.log');
		const evaluation = runCli(['eval', '--scenario', 'db_deadlock', '--episodes-per-type', '2', '--policy', `sre=cmd:python3 ${echo} ${log}`, '--teammates', 'oracle']);
		expect(evaluation.status).toBe(0);
		const steps = fs.readFileSync(log, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line).step);
		expect(steps.filter(step => step === 0)).toHaveLength(2);
	});
});
