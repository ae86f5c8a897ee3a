// Scenario files as users write (and mis-write) them: a byte-order mark from a Windows editor is fine; a key that
// JavaScript would drop silently, a FIFO, a device or a huge file is refused in one line instead of hanging.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {expectOneLineRefusal, runCli} from './support/cli.js';

const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-scenario-'));
const SCENARIO = {name: 'night', title: 'Night shift', briefing: 'Payments are failing.', incident: 'db_deadlock', difficulty: 'easy', seed: 1};

function scenarioFile(text: string): string {
	const file = path.join(folder(), 'night.json');
	fs.writeFileSync(file, text);
	return file;
}

describe('scenario files', () => {
	it('accepts a UTF-8 byte-order mark at the start', () => {
		const file = scenarioFile(`\ufeff${JSON.stringify(SCENARIO)}`);
		const run = runCli(['run', '--scenario', file, '--format', 'json']);
		expect(run.stderr).toBe('');
		expect(JSON.parse(run.stdout).scenario).toMatchObject({failure_type: 'db_deadlock', seed: 1});
	});

	it('refuses policies.__proto__ instead of dropping it', () => {
		const file = scenarioFile(`{"name":"night","title":"T","briefing":"B","incident":"db_deadlock","difficulty":"easy","seed":1,"policies":{"__proto__":"oracle","sre":"oracle"}}`);
		expectOneLineRefusal(runCli(['run', '--scenario', file]), new RegExp(`^chaosops: scenario file ${file}: the key "__proto__" is not accepted anywhere$`));
	});

	it.each([
		['policies', {policies: {ceo: 'oracle'}}, 'policies has unknown key "ceo"; accepted: sre, dev, manager, oversight'],
		['seed', {seed: 1e20}, 'seed is too large; expected an integer with |n| < 2^53'],
		['max_steps', {max_steps: 0}, 'max_steps is 0; expected an integer from 1 to 10000'],
		['title', {title: ''}, 'title is ""; expected at least 1 character'],
		['name', {name: 'Night Shift'}, 'name is "Night Shift"; must be lower-case letters, digits, _ or -'],
	])('says what is wrong with %s in its own words', (_, change, message) => {
		const file = scenarioFile(JSON.stringify({...SCENARIO, ...change}));
		const run = runCli(['run', '--scenario', file]);
		expectOneLineRefusal(run, /^chaosops: scenario file /);
		expect(run.stderr).toBe(`chaosops: scenario file ${file}: ${message}\n`);
	});

	it('refuses a FIFO without waiting for a writer', () => {
		const fifo = path.join(folder(), 'scenario.json');
		execFileSync('mkfifo', [fifo]);
		expectOneLineRefusal(runCli(['run', '--scenario', fifo]), new RegExp(`^chaosops: cannot read scenario file ${fifo}: it is a FIFO \\(named pipe\\), not a regular file$`));
	});

	it.each([
		['/dev/zero', 'it is a character device, not a regular file'],
		[os.tmpdir(), 'it is a folder, not a regular file'],
	])('refuses %s', (file, reason) => {
		expectOneLineRefusal(runCli(['run', '--scenario', file]), new RegExp(`^chaosops: cannot read scenario file .*: ${reason}$`));
	});

	it('says a file nests too deeply rather than calling valid JSON invalid', () => {
		const file = scenarioFile(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
		expectOneLineRefusal(runCli(['run', '--scenario', file]), /^chaosops: scenario file .*: it nests arrays or objects too deeply to be read$/);
	});

	it('refuses a file larger than a scenario could be', () => {
		const file = scenarioFile(`${' '.repeat(2 * 1024 * 1024)}${JSON.stringify(SCENARIO)}`);
		expectOneLineRefusal(runCli(['run', '--scenario', file]), /: it is larger than 1 MiB$/);
	});
});
