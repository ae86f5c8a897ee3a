// The `chaosops` entry point: picks the command and loads only its module, so that the headless commands
// never load Ink or React.
import {commandTable, type CommandModule} from './commands.js';
import {fail} from './errors.js';

const USAGE = `Usage: chaosops <command> [options]

Commands
${Object.entries(commandTable)
	.map(([name, command]) => `  ${name.padEnd(8)} ${command.summary}`)
	.join('\n')}

Run \`chaosops <command> --help\` for a command's options.`;

async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
		process.stdout.write(`${USAGE}\n`);
		return 0;
	}
	if (name === '--version' || name === '-v') {
		process.stdout.write(`${VERSION}\n`);
		return 0;
	}
	const command = commandTable[name as keyof typeof commandTable];
	if (command === undefined) {
		return fail(`unknown command '${name}'; expected one of: ${Object.keys(commandTable).join(', ')}`);
	}
	const module: CommandModule = await command.load();
	return module.main(rest);
}

declare const VERSION: string;

main(process.argv.slice(2)).then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		process.exitCode = fail(error instanceof Error ? error.message : String(error));
	},
);
