// `chaosops scenario`: tools for authoring incidents. Each subcommand lives in its own module, loaded only when it runs.
import {InputError} from '../io/errors.js';
import type {CommandModule} from './commands.js';

type Subcommand = {readonly summary: string; readonly load: () => Promise<CommandModule>};

const SUBCOMMANDS: Record<string, Subcommand> = {
	check: {summary: 'validate incident files, then play each with the oracle, heuristic and random', load: () => import('./scenario-check.js')},
	new: {summary: 'write a small working incident file to start a new one from', load: () => import('./scenario-new.js')},
};

const NAMES = Object.keys(SUBCOMMANDS).join(', ');

const HELP = `
Usage: chaosops scenario <subcommand> [options]

Tools for writing your own incidents (docs/scenario-command.md; the file format: docs/incidents.md).

Subcommands
${Object.entries(SUBCOMMANDS)
	.map(([name, {summary}]) => `  ${name.padEnd(8)} ${summary}`)
	.join('\n')}

Run \`chaosops scenario <subcommand> --help\` for a subcommand's options.

Examples
  chaosops scenario new printer_fire
  chaosops scenario check printer_fire.json
  chaosops scenario check cascade rogue_deploy_bot --seeds 100
`;

export async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (name === '--help' || name === '-h') {
		process.stdout.write(`${HELP.trim()}\n`);
		return 0;
	}
	if (name === undefined) throw new InputError(`scenario needs a subcommand: ${NAMES} (see chaosops scenario --help)`);
	const subcommand = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
	if (subcommand === undefined) throw new InputError(`unknown subcommand '${name}' for scenario; expected one of: ${NAMES} (see chaosops scenario --help)`);
	return (await subcommand.load()).main(rest);
}
