// The system prompt each role's model reads before the observation: the project's own, in the prompts/ folder shipped
// with the package, or those of a folder the user names (`--system-prompts DIR`), such as a model was trained with.
import fs from 'node:fs';
import path from 'node:path';
import {pythonStrip} from '../../env/python-text.js';
import {ROLES, type Role, byRole} from '../../env/vocabulary.js';
import {InputError} from '../errors.js';
import {shippedFolder} from '../shipped-folder.js';
import {MIB, readTextFile} from '../text-file.js';

/** Each role's prompt file in a prompts folder: `sre.md`, `dev.md`, `manager.md`, `oversight.md`. */
export const promptFile = (role: Role): string => `${role}.md`;

/** The project's own prompts: prompts/ beside dist/ in the package, at the top of the checkout from source. */
export const promptsFolder: string = shippedFolder('prompts', promptFile('sre'));

/** A prompt is a page or two of text; anything larger is not one. */
const PROMPT_MAX_BYTES = MIB;

/**
 * Each role's prompt from `dir` (the project's own by default), each file's text trimmed as Python's strip() trims.
 * An InputError names every file that is missing or unreadable, one line each.
 */
export function loadSystemPrompts(dir: string = promptsFolder): Readonly<Record<Role, string>> {
	// A folder that is not there is one problem, not four missing files.
	if (!fs.statSync(dir, {throwIfNoEntry: false})?.isDirectory()) {
		throw new InputError(`the system prompts folder ${dir} is not a folder; expected one holding ${ROLES.map(promptFile).join(', ')}`);
	}
	const problems: string[] = [];
	const prompts = byRole(role => {
		const file = path.join(dir, promptFile(role));
		try {
			return pythonStrip(readTextFile(file, `the ${role} system prompt ${file}`, PROMPT_MAX_BYTES));
		} catch (error) {
			if (!(error instanceof InputError)) throw error;
			problems.push(...error.lines);
			return '';
		}
	});
	if (problems.length > 0) {
		problems.push(`a system prompts folder holds ${ROLES.map(promptFile).join(', ')}`);
		throw new InputError(problems);
	}
	return Object.freeze(prompts);
}
