// Reading a command's arguments with meow: value flags read as strings (each command validates the values with zod,
// so every error names the flag and what is accepted), switches that take no value (`--json`, `--force`),
// operands for the commands that take them (`scenario check FILE…`), `--help` anywhere, and unknown flags refused
// in one line.
import {InputError} from '../io/errors.js';

export const kebab = (name: string) => name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

async function meowParse(command: string, argv: readonly string[], names: readonly string[], switches: readonly string[]) {
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
			flags: Object.fromEntries([
				...names.map(name => [name, {type: 'string' as const}]),
				...switches.map(name => [name, {type: 'boolean' as const}]),
			]),
		});
	} catch (error) {
		// meow's own complaints ("The flag --seed can only be set once."), as one of ours.
		throw new InputError(`${(error as Error).message.replace(/\.$/, '')}; see chaosops ${command} --help`);
	}
}

/** A value that begins with a dash: a negative number (`--seed -5`), or `-` alone. */
const DASHED_VALUE = /^-(\d|\.\d|$)/;

/**
 * The name a flag token gives (`--max-steps=3` → `max-steps`, `-s` → `s`, `---seed` → `-seed`, `--` → ``), or null
 * for a value or a bare word. Every other token that begins with a dash is a flag, so that `--__proto__`, `--1`
 * or `---seed` are refused as unknown rather than dropped or read as another flag by meow.
 */
const tokenName = (token: string): string | null =>
	token.startsWith('-') && !DASHED_VALUE.test(token) ? token.replace(/^--?/, '').split('=')[0]! : null;

/**
 * Every flag token checked as the user wrote it, before meow reads them: meow would take `--maxSteps` or `--Seed`
 * for `--max-steps` or `--seed`, turn `--no-json` into the string "false", read `--force=no` as true, and name a
 * repeated flag in camelCase.
 */
function checkFlagTokens(command: string, argv: readonly string[], names: readonly string[], switches: readonly string[]): void {
	const hint = `see chaosops ${command} --help`;
	const valued = new Set(names.map(kebab));
	const bare = new Set(switches.map(kebab));
	const accepted = new Set([...valued, ...bare]);
	const seen = new Set<string>();
	for (const token of argv) {
		const name = tokenName(token);
		if (name === null) continue;
		const negated = name.startsWith('no-') ? name.slice(3) : '';
		if (valued.has(negated)) {
			throw new InputError(`--${name} is not a flag: --${negated} takes a value; to leave it off, leave --${negated} out (${hint})`);
		}
		if (bare.has(negated)) throw new InputError(`--${name} is not a flag: --${negated} is off unless given; leave it out (${hint})`);
		if (!accepted.has(name) || !token.startsWith('--')) {
			const expected = accepted.size === 0 ? 'no flags' : [...accepted].map(flag => `--${flag}`).join(', ');
			throw new InputError(`unknown flag ${token.split('=')[0]} for ${command}; expected ${expected} (${hint})`);
		}
		if (bare.has(name) && token.includes('=')) throw new InputError(`--${name} takes no value; write --${name} alone (${hint})`);
		if (seen.has(name)) throw new InputError(`--${name} is given more than once; give it once (${hint})`);
		seen.add(name);
	}
}

/** What a command takes besides `--help`: value flags and switches by their camelCase names, and whether it takes operands. */
export type CommandShape<Name extends string, Switch extends string> = {
	readonly flags: readonly Name[];
	readonly switches?: readonly Switch[];
	/** True for a command that takes operands (`scenario check FILE…`); any other refuses a bare word. */
	readonly operands?: boolean;
};

export type CommandArguments<Name extends string, Switch extends string> = {
	readonly flags: Partial<Record<Name, string>>;
	readonly switches: Record<Switch, boolean>;
	readonly operands: readonly string[];
};

/**
 * The arguments given, or null when `--help` was asked for (the help is printed). `command` names the command in the
 * errors' hint; `help` is made only when asked for, since some list the presets.
 */
export async function readCommandArguments<const Name extends string, const Switch extends string = never>(
	command: string,
	help: string | (() => string),
	argv: readonly string[],
	shape: CommandShape<Name, Switch>,
): Promise<CommandArguments<Name, Switch> | null> {
	if (argv.includes('--help') || argv.includes('-h')) {
		process.stdout.write(`${(typeof help === 'function' ? help() : help).trim()}\n`);
		return null;
	}
	const {flags: names, switches: switchNames = [], operands: takesOperands = false} = shape;
	const switches = Object.fromEntries(switchNames.map(name => [name, false])) as Record<Switch, boolean>;
	// Nothing to parse: spares `chaosops env`, which a trainer may start many times, the cost of loading meow.
	if (argv.length === 0) return {flags: {}, switches, operands: []};
	checkFlagTokens(command, argv, names, switchNames);
	const cli = await meowParse(command, argv, names, switchNames);
	const hint = `see chaosops ${command} --help`;
	if (!takesOperands && cli.input.length > 0) throw new InputError(`unexpected argument '${cli.input[0]}' for ${command}; ${hint}`);
	const flags: Partial<Record<Name, string>> = {};
	for (const name of names) {
		const value = cli.flags[name];
		if (value === undefined) continue;
		if (value === '') throw new InputError(`--${kebab(name)} needs a value (${hint})`);
		flags[name] = String(value);
	}
	for (const name of switchNames) switches[name] = cli.flags[name] === true;
	return {flags, switches, operands: cli.input.map(String)};
}

/** The value flags given, by their camelCase names, for a command without switches or operands; null after `--help`. */
export async function readCommandLine<const Name extends string>(
	command: string,
	help: string | (() => string),
	argv: readonly string[],
	names: readonly Name[],
): Promise<Partial<Record<Name, string>> | null> {
	return (await readCommandArguments(command, help, argv, {flags: names}))?.flags ?? null;
}
