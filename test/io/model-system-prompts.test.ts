// The system prompts a model seat reads: the project's own in prompts/, or another folder's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {ROLES} from '../../source/env/vocabulary.js';
import {InputError} from '../../source/io/errors.js';
import {loadSystemPrompts, promptsFolder} from '../../source/io/model/system-prompts.js';

const folders: string[] = [];
afterEach(() => {
	for (const folder of folders.splice(0)) fs.rmSync(folder, {recursive: true, force: true});
});

function folderWith(files: Record<string, string>): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'chaosops-prompts-'));
	folders.push(folder);
	for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), text);
	return folder;
}

describe('loadSystemPrompts', () => {
	it("loads the project's own prompt for every role, from the prompts folder the package ships", () => {
		const prompts = loadSystemPrompts();
		expect(path.basename(promptsFolder)).toBe('prompts');
		const packageFiles = JSON.parse(fs.readFileSync(path.join(promptsFolder, '..', 'package.json'), 'utf8')).files;
		expect(packageFiles).toContain('prompts');
		for (const role of ROLES) {
			expect(prompts[role]).toBe(prompts[role].trim());
			expect(prompts[role]).toMatch(new RegExp(role === 'sre' ? 'SRE' : role, 'i'));
			expect(prompts[role]).toContain('"action_type"');
		}
	});

	it("tells each role what only it may do", () => {
		const prompts = loadSystemPrompts();
		expect(prompts.oversight).toContain('flag_rogue');
		expect(prompts.manager).toContain('resolve');
		for (const role of ['sre', 'dev', 'manager'] as const) expect(prompts[role]).not.toContain('flag_rogue');
	});

	it('loads another folder, each file trimmed as Python strips it', () => {
		const dir = folderWith({'sre.md': '\n  You are the SRE.\x1c\n', 'dev.md': 'Dev.', 'manager.md': '', 'oversight.md': '\u3000Oversight.'});
		expect(loadSystemPrompts(dir)).toEqual({sre: 'You are the SRE.', dev: 'Dev.', manager: '', oversight: 'Oversight.'});
	});

	it('refuses a folder missing a file, naming each one missing and the names it expects', () => {
		const dir = folderWith({'sre.md': 'x', 'dev.md': 'y'});
		let refusal: unknown;
		try {
			loadSystemPrompts(dir);
		} catch (error) {
			refusal = error;
		}
		expect(refusal).toBeInstanceOf(InputError);
		expect((refusal as InputError).lines).toEqual([
			`cannot read the manager system prompt ${path.join(dir, 'manager.md')}: no such file or folder (ENOENT)`,
			`cannot read the oversight system prompt ${path.join(dir, 'oversight.md')}: no such file or folder (ENOENT)`,
			'a system prompts folder holds sre.md, dev.md, manager.md, oversight.md',
		]);
	});

	it('refuses a folder that is not there, or a file, in one line', () => {
		const missing = path.join(folderWith({}), 'nowhere');
		expect(() => loadSystemPrompts(missing)).toThrow(new InputError(`the system prompts folder ${missing} is not a folder; expected one holding sre.md, dev.md, manager.md, oversight.md`));
		const file = path.join(folderWith({'sre.md': 'x'}), 'sre.md');
		expect(() => loadSystemPrompts(file)).toThrow(/^the system prompts folder .*sre\.md is not a folder/);
	});

	it('refuses a prompt that is a folder', () => {
		const dir = folderWith({'sre.md': 'x', 'dev.md': 'y', 'manager.md': 'z'});
		fs.mkdirSync(path.join(dir, 'oversight.md'));
		expect(() => loadSystemPrompts(dir)).toThrow(/oversight system prompt .*it is a folder, not a regular file/);
	});
});
