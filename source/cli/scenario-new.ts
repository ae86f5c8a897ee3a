// `chaosops scenario new NAME`: writes a small incident that works, to be edited into one's own.
import {existsSync} from 'node:fs';
import {identifier} from '../env/incident-format.js';
import {InputError} from '../io/errors.js';
import {incidentTemplate} from '../io/incident-template.js';
import {isBuiltInIncident} from '../io/incidents.js';
import {StagedFile} from '../io/output-file.js';
import {visibleLine} from '../io/terminal-text.js';
import {quoted} from '../io/validation.js';
import {readCommandArguments} from './command-line.js';
import {shellWord} from './shell-word.js';

const HELP = `
Usage: chaosops scenario new NAME [options]

Writes a new incident file, NAME.json, to start your own incident from: a small incident that works, on the
reference system (auth, payments, notifications, db), with every part of the format filled in — briefing, root
causes, start, red herrings, rules, a timed inject, the oracle's solution, trainer notes and hints. In it the
deploy bot ships a broken auth build; the fix is to flag the bot, then roll auth back. Edit it into yours, then
check it with \`chaosops scenario check\`.

NAME is the incident's name, what identify_root_cause must name: lower-case letters, digits and _, starting with
a letter, at most 40 characters, and not a built-in incident's.

Options
  --output FILE   where to write it (default: ./NAME.json)
  --force         replace FILE if it exists (otherwise an existing FILE is left alone)

Examples
  chaosops scenario new printer_fire
  chaosops scenario new printer_fire --output incidents/printer_fire.json --force
`;

const hint = 'see chaosops scenario new --help';

/** NAME as an incident's name, or an InputError saying what a name must be. */
function incidentName(operands: readonly string[]): string {
	const [name, ...extra] = operands;
	if (name === undefined) throw new InputError(`scenario new needs the NAME of the incident, e.g. printer_fire (${hint})`);
	if (extra.length > 0) throw new InputError(`unexpected argument '${extra[0]}' for scenario new: it takes one NAME (${hint})`);
	const parsed = identifier.safeParse(name);
	if (!parsed.success) throw new InputError(`NAME ${quoted(name)} ${parsed.error.issues[0]!.message}`);
	if (isBuiltInIncident(name)) {
		throw new InputError(`NAME ${quoted(name)} is a built-in incident's; a file of that name would be played instead of it, so choose another`);
	}
	return name;
}

export async function main(argv: string[]): Promise<number> {
	const line = await readCommandArguments('scenario new', HELP, argv, {flags: ['output'], switches: ['force'], operands: true});
	if (line === null) return 0;
	const name = incidentName(line.operands);
	const target = line.flags.output ?? `${name}.json`;
	if (!line.switches.force && existsSync(target)) {
		throw new InputError(`${target} already exists; to replace it give --force, or write elsewhere with --output FILE`);
	}
	const file = new StagedFile(target, target);
	file.write(incidentTemplate(name, target));
	file.commit();
	const shown = shellWord(target);
	const lines = [
		`wrote ${target}: incident ${name}, in which a deploy bot ships a broken auth build (flag it, then roll auth back)`,
		'',
		'Edit it into your incident; editors that read "$schema" describe each field as you type. Then:',
		`  chaosops scenario check ${shown}`,
		`  chaosops run --scenario ${shown} --policy oracle`,
		`  chaosops play --scenario ${shown}`,
	];
	process.stdout.write(`${lines.map(visibleLine).join('\n')}\n`);
	return 0;
}
