// `chaosops host --teammates cmd:…`: a program plays the seats nobody took, its steps logged and recorded with what
// it answered; the recording replays without it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {startHost} from '../support/host-process.js';

it('seats the example agent as the teammates of a drill, and records its replies', async () => {
	const recording = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-host-agent-')), 'drill.jsonl');
	const host = await startHost(['--seats', 'manager', '--scenario', 'db_deadlock', '--delay', '0', '--teammates', 'cmd:python3 examples/agent.py', '--record', recording]);
	await host.logged('listening');
	host.command({op: 'start'});
	const ended = await host.logged('ended');
	expect(ended['result']).toMatchObject({resolved: true});
	expect(await host.stop()).toBe(0);
	const steps = host.lines.filter(line => line.event === 'step');
	expect(steps[0]).toMatchObject({role: 'sre', by: 'cmd', action: {action_type: 'identify_root_cause'}, agent: {source: 'python3 examples/agent.py', notice: null}});
	const replay = runCli(['replay', recording, '--format', 'json']);
	expect(replay.status).toBe(0);
	expect(JSON.parse(replay.stdout).steps[0].agent).toEqual(steps[0]!['agent']);
});

it('lists the agent flags in the help of every command that seats a team', () => {
	for (const command of ['run', 'play', 'eval', 'lab', 'host']) {
		const help = runCli([command, '--help']).stdout;
		for (const flag of ['--llm-model', '--llm-base-url', '--llm-timeout', '--agent-timeout', '--system-prompts', 'cmd:PROGRAM']) expect(help, `${command} --help`).toContain(flag);
	}
});
