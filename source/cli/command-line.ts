// Reading a command's arguments with meow: string flags only (each command validates the values with zod, so
// every error names the flag and what is accepted), `--help` anywhere, and unknown flags refused in one line.
import {InputError} from '../io/errors.js';

const kebab = (name: string) => name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

async function meowParse(command: string, argv: readonly string[], names: readonly string[]) {
	const {default: meow} = await import('meow');
	try {
		return meow({
			importMeta: import.meta,
			// Given, so that meow does not go looking for package.json at every start.
			pkg: {name: 'chaosops'},
			argv: [...argv],
			description: false,
			autoHelp: false,
			autoVersion: false,
			allowUnknownFlags: true,
			flags: Object.fromEntries(names.map(name => [name, {type: 'string' as const}])),
		});
	} catch (error) {
		// meow's own complaints ("The flag --seed can only be set once."), as one of ours.
		throw new InputError(`${(error as Error).message.replace(/\.$/, '')}; see chaosops ${command} --help`);
	}
}

/**
 * The flags given, by their camelCase names, or null when `--help` was asked for (the help is printed).
 * `command` names the command in the errors' hint; `help` is made only when asked for, since some list the presets.
 */
export async function readCommandLine<const Name extends string>(
	command: string,
	help: string | (() => string),
	argv: readonly string[],
	names: readonly Name[],
): Promise<Partial<Record<Name, string>> | null> {
	if (argv.includes('--help') || argv.includes('-h')) {
		process.stdout.write(`${(typeof help === 'function' ? help() : help).trim()}\n`);
		return null;
	}
	// Nothing to parse: spares `chaosops env`, which a trainer may start many times, the cost of loading meow.
	if (argv.length === 0) return {};
	const cli = await meowParse(command, argv, names);
	const hint = `see chaosops ${command} --help`;
	const unknown = Object.keys(cli.unnormalizedFlags).filter(key => !(names as readonly string[]).includes(key));
	if (unknown.length > 0) {
		const accepted = names.length === 0 ? 'no flags' : names.map(name => `--${kebab(name)}`).join(', ');
		throw new InputError(`unknown flag --${kebab(unknown[0]!)} for ${command}; expected ${accepted} (${hint})`);
	}
	if (cli.input.length > 0) throw new InputError(`unexpected argument '${cli.input[0]}' for ${command}; ${hint}`);
	const flags: Partial<Record<Name, string>> = {};
	for (const name of names) {
		const value = cli.flags[name];
		if (value !== undefined) flags[name] = String(value);
	}
	return flags;
}
