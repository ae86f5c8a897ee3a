// `chaosops host`: runs one drill. Players join from their own terminals (chaosops join); the seats nobody plays are
// the teammates'. Its terminal is the facilitator's console (ui/console-launch.tsx); with --headless the host logs
// what happens as JSON lines on stdout and takes the facilitator's commands as JSON lines on stdin
// (docs/drill-protocol.md). Both follow the same drill, server and log.
import {randomInt} from 'node:crypto';
import os from 'node:os';
import {POLICY_NAMES} from '../agents/policies.js';
import {everyRole} from '../agents/evaluation.js';
import {refuseOverwriting} from '../io/output-file.js';
import {RecordingWriter, seatHolders} from '../io/recording-writer.js';
import {stepJson} from '../io/step-json.js';
import {CHAOSOPS_VERSION} from '../io/version.js';
import {ROLES} from '../env/vocabulary.js';
import {InputError, describeSystemError} from '../io/errors.js';
import {requestLines} from '../io/line-reader.js';
import {presetNames, resolveScenario} from '../io/scenarios.js';
import {onStopSignal, signalStatus} from '../io/signals.js';
import {terminalJson} from '../io/terminal-text.js';
import {Drill, type DrillEvent, type Recipient} from '../net/drill.js';
import {journalDrill} from '../net/drill-journal.js';
import {facilitatorCommandSchema, runFacilitatorCommand} from '../net/facilitator-commands.js';
import type {ServerMessage} from '../net/drill-protocol.js';
import {serveDrill} from '../net/drill-server.js';
import {loadConsole} from '../ui/load-app.js';
import {readCommandArguments} from './command-line.js';
import {LOOPBACK, isEveryAddress, listening, parsePort} from './listen.js';
import {
	DEFAULT_DELAY_MS,
	ifGiven,
	parseCodeOption,
	parseCountOption,
	parseDelayOption,
	parseDifficultyOption,
	parseListOption,
	parseMaxStepsOption,
	parseScoringOption,
	parseSeedOption,
	parseTeammatesOption,
} from './options.js';
import {PLAY_DEFAULT_POLICY, PLAY_DEFAULT_SCENARIO} from './option-defaults.js';
import {requireTerminal} from './terminal.js';

/** The port a drill listens on unless told otherwise: one a team can open in a firewall once. */
export const DRILL_PORT = 4520;
/** Letters and digits that are not mistaken for one another when read out. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const MAX_TURN_SECONDS = 3600;

const help = () => `
Usage: chaosops host --seats ROLE[,ROLE…] [options]

Runs one drill: people play the seats named in --seats from their own terminals (chaosops join), teammates
play the others, and this terminal is the facilitator's console. The drill starts once every seat is taken,
or when the facilitator starts it. The host listens on loopback unless --listen says otherwise.

Options
  --seats LIST            the seats people play, comma-separated, from ${ROLES.join(', ')} (required)
  --scenario S            a preset, a built-in incident, or a scenario or incident file (default: ${PLAY_DEFAULT_SCENARIO})
  --difficulty D          easy, medium or hard (default: the scenario's)
  --seed N                the scenario seed (default: the scenario's)
  --max-steps N           steps before the episode ends unresolved (default: the scenario's, else 20)
  --scoring S             reference or drill (default: the scenario's, else reference)
  --port P                the port to listen on, 0 for any free one (default: ${DRILL_PORT})
  --listen ADDR           the address to listen on (default: 127.0.0.1; 0.0.0.0 opens the drill to the network)
  --code C                the join code players give (default: a random one, printed)
  --turn-seconds N        seconds a player has for a turn, after which the seat plays noop (default: no limit)
  --teammates NAME        the policy in the other seats, and in a player's seat while they are away:
                          ${POLICY_NAMES.join(', ')} (default: ${PLAY_DEFAULT_POLICY})
  --delay MS              how long a teammate's turn waits, so that people can follow (default: ${DEFAULT_DELAY_MS})
  --record FILE           write the drill to FILE as it happens: every step with the player who decided it and how
                          long they took, players joining and dropping, pauses, notes and hints (chaosops replay
                          plays it back; the format: docs/recordings.md)
  --headless              no console: log the drill as JSON lines on stdout, take the facilitator's commands
                          as JSON lines on stdin (docs/drill-protocol.md)

Keys in the console: space pause · s start · h hint · n note · t hand a seat over · v spectators' view ·
                     tab views · q end

Presets        ${presetNames().join(', ')}

Examples
  chaosops host --seats sre,dev --scenario db_deadlock
  chaosops host --seats sre,dev --scenario db_deadlock --headless
  chaosops host --seats sre --listen 0.0.0.0 --code war-room-7 --turn-seconds 60 --headless
`;

const FLAGS = ['seats', 'scenario', 'difficulty', 'seed', 'maxSteps', 'scoring', 'port', 'listen', 'code', 'turnSeconds', 'teammates', 'delay', 'record'] as const;

const randomCode = (): string => {
	const pick = () => Array.from({length: 4}, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
	return `${pick()}-${pick()}`;
};

/** The address to give players: the listening one, or for every address this machine's first one on a network. */
function joinHost(listen: string): string {
	if (!isEveryAddress(listen)) return listen.includes(':') ? `[${listen}]` : listen;
	const external = Object.values(os.networkInterfaces())
		.flat()
		.find(address => address !== undefined && !address.internal && address.family === 'IPv4');
	return external?.address ?? '127.0.0.1';
}

/** A drill event as one JSON line of the headless log; a step as every JSON document writes one. */
function logLine(event: DrillEvent): object {
	if (event.kind === 'step') return {event: 'step', ...stepJson(event.step), player: event.player, timed_out: event.timedOut};
	const {kind, ...fields} = event;
	return {event: kind, ...fields};
}

const log = (line: object): void => void process.stdout.write(`${terminalJson(line)}\n`);

export async function main(argv: string[]): Promise<number> {
	const parsed = await readCommandArguments('host', help, argv, {flags: FLAGS, switches: ['headless']});
	if (parsed === null) return 0;
	const {flags, switches} = parsed;
	if (flags.seats === undefined) throw new InputError(`--seats is required: the seats people play, from ${ROLES.join(', ')} (see chaosops host --help)`);
	const seats = parseListOption('seats', flags.seats, ROLES);
	// The console needs this terminal: without one, say so before anything listens. Ink loads only on this path. The
	// log goes to the console (which shows the refusals in it), or headless to stdout.
	if (!switches.headless) requireTerminal('host', 'run it with --headless to log the drill as JSON lines and take commands on stdin (docs/drill-protocol.md)');
	const facilitatorConsole = switches.headless ? null : (await loadConsole()).facilitatorConsole();
	const hostLog = facilitatorConsole?.log ?? log;
	const {scenario, preset, file, notice} = resolveScenario(flags.scenario ?? PLAY_DEFAULT_SCENARIO, {
		difficulty: ifGiven(flags.difficulty, parseDifficultyOption),
		seed: ifGiven(flags.seed, value => parseSeedOption('seed', value)),
		maxSteps: ifGiven(flags.maxSteps, parseMaxStepsOption),
		scoring: ifGiven(flags.scoring, parseScoringOption),
	});
	if (notice !== null) process.stderr.write(`chaosops: ${notice}\n`);
	const listen = flags.listen ?? LOOPBACK;
	const port = ifGiven(flags.port, parsePort) ?? DRILL_PORT;
	const code = ifGiven(flags.code, parseCodeOption) ?? randomCode();
	const turnSeconds = ifGiven(flags.turnSeconds, value => parseCountOption('turn-seconds', value, MAX_TURN_SECONDS)) ?? null;
	const teammates = ifGiven(flags.teammates, parseTeammatesOption) ?? PLAY_DEFAULT_POLICY;
	const delayMs = ifGiven(flags.delay, parseDelayOption) ?? DEFAULT_DELAY_MS;
	if (flags.record !== undefined) refuseOverwriting(flags.record, file, '--record');

	let deliver: (to: Recipient, message: ServerMessage) => void = () => {};
	const drill = new Drill({scenario, seats, teammates, delayMs, turnSeconds}, (to, message) => deliver(to, message));
	drill.subscribe(event => hostLog(logLine(event)));
	const server = await listening(serveDrill({drill, code, host: listen, port, onRefusal: reason => hostLog({event: 'refused', turn: drill.turn, reason})}), port, listen);
	deliver = server.deliver;
	// Begun once the host listens, so that a drill that cannot start leaves an earlier recording as it was.
	const recording = flags.record === undefined ? null : new RecordingWriter(flags.record);
	if (recording !== null) {
		const policies = everyRole(teammates);
		const header = {version: CHAOSOPS_VERSION, scenario, preset: preset.name, seats: seatHolders(policies), policies, policy_seed: scenario.seed, reset: drill.resetObservation};
		journalDrill(recording.beginDrill({...header, drill: {seats, turn_seconds: turnSeconds}}), drill);
	}
	const address = `${joinHost(listen)}:${server.port}`;
	const join = seats.map(role => `chaosops join ${address} --code ${code} --as ${role}`);
	hostLog({event: 'listening', address, port: server.port, code, seats, join});

	const stopListening = onStopSignal(signal => {
		stopStatus = signalStatus(signal);
		drill.stop();
	});
	let stopStatus = 0;
	if (facilitatorConsole === null) {
		// Stdin is let go once the drill is over, which ends the reading with an error nobody needs to hear of.
		readCommands(drill).catch((error: unknown) => {
			if (!drill.over) log({event: 'error', turn: drill.turn, error: `cannot read the facilitator's commands: ${describeSystemError(error)}`});
		});
	}
	// The console stays up once the drill is over (players and spectators still see its end) until the facilitator
	// leaves it; it ends the drill if it goes first (a signal, a crash).
	const facilitating = facilitatorConsole?.run(drill, {address, code, commands: Object.fromEntries(seats.map((role, index) => [role, join[index]!]))}) ?? Promise.resolve(0);
	let consoleStatus;
	try {
		[, consoleStatus] = await Promise.all([drill.finished, facilitating]);
	} finally {
		stopListening();
		await server.close();
		// The facilitator's stdin would hold the process open after the drill.
		process.stdin.destroy();
		recording?.close();
	}
	return Math.max(stopStatus, consoleStatus);
}

/** The facilitator's commands, one JSON object per line on stdin; a bad one is logged and the drill goes on. */
async function readCommands(drill: Drill): Promise<void> {
	for await (const lines of requestLines(process.stdin, 64 * 1024)) {
		for (const line of lines) {
			if (typeof line !== 'string' || line.trim() === '') continue;
			const error = facilitatorCommand(drill, line);
			if (error !== null) log({event: 'error', turn: drill.turn, error});
		}
	}
}

function facilitatorCommand(drill: Drill, line: string): string | null {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		return 'a command is one JSON object per line, such as {"op":"pause"}';
	}
	const parsed = facilitatorCommandSchema.safeParse(value);
	if (!parsed.success) return `not a command: ${parsed.error.issues[0]?.message ?? 'unknown'}; see docs/drill-protocol.md`;
	return runFacilitatorCommand(drill, parsed.data);
}
