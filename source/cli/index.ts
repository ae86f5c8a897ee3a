// The `chaosops` entry point: picks the command and loads only its module, so that the headless commands
// never load Ink or React.
import {commandTable, type CommandModule} from './commands.js';
import {describeSystemError, isClosedReader} from '../io/errors.js';
import {CHAOSOPS_VERSION} from '../io/version.js';
import {FAILURE_STATUS, fail, report} from './errors.js';

const NAME_WIDTH = Math.max(...Object.keys(commandTable).map(name => name.length));

const USAGE = `Usage: chaosops <command> [options]

Commands
${Object.entries(commandTable)
	.map(([name, command]) => `  ${name.padEnd(NAME_WIDTH)}  ${command.summary}`)
	.join('\n')}

Run \`chaosops <command> --help\` for a command's options.`;

async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
		process.stdout.write(`${USAGE}\n`);
		return 0;
	}
	if (name === '--version' || name === '-v') {
		process.stdout.write(`${CHAOSOPS_VERSION}\n`);
		return 0;
	}
	// Own keys only: `chaosops constructor` is an unknown command, not Object's constructor.
	const command = Object.hasOwn(commandTable, name) ? commandTable[name as keyof typeof commandTable] : undefined;
	if (command === undefined) {
		return fail(`unknown command '${name}'; expected one of: ${Object.keys(commandTable).join(', ')}`);
	}
	const module: CommandModule = await command.load();
	return module.main(rest);
}

// A reader that closes its end early (`| head -1`) has simply had enough: end quietly. Any other failure to write
// standard output (a full disk) is one line. Recordings and staged files are written synchronously, so nothing
// written before this point is lost.
process.stdout.on('error', (error: unknown) => {
	process.exit(isClosedReader(error) ? 0 : fail(`cannot write to standard output: ${describeSystemError(error)}`, FAILURE_STATUS));
});

main(process.argv.slice(2)).then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.exitCode = report(error);
	},
);
