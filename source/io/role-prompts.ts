// The role prompts a protocol session renders `prompt` with (`--system-prompts DIR` of env and serve): a folder's,
// read at once so that one that lacks a file is refused before serving, or by default the project's, read when
// first asked for, since most sessions never render a prompt.
import type {Role} from '../env/vocabulary.js';
import {loadSystemPrompts} from './model/system-prompts.js';

export type SystemPrompts = () => Readonly<Record<Role, string>>;

let projectPrompts: Readonly<Record<Role, string>> | undefined;

export const projectSystemPrompts: SystemPrompts = () => (projectPrompts ??= loadSystemPrompts());

/** The prompts in `dir`, or the project's when it is not given. */
export function systemPromptsFrom(dir: string | undefined): SystemPrompts {
	if (dir === undefined) return projectSystemPrompts;
	const prompts = loadSystemPrompts(dir);
	return () => prompts;
}
