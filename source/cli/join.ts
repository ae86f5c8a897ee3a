// `chaosops join HOST:PORT`: takes a seat in a drill that `chaosops host` runs (or watches it), on play's screen for
// that seat only. The host is reached and the seat given before the app opens, so that a refusal or an address
// nobody answers at is one line on a plain terminal.
import {ROLES, type Role, isOneOf} from '../env/vocabulary.js';
import {InputError} from '../io/errors.js';
import {DrillClient, JoinFailure, type JoinRequest} from '../net/drill-client.js';
import {DRILL_LIMITS} from '../net/drill-protocol.js';
import {loadJoinApp} from '../ui/load-app.js';
import {readCommandArguments} from './command-line.js';
import {ifGiven, parseCodeOption} from './options.js';
import {requireTerminal} from './terminal.js';

const help = `
Usage: chaosops join HOST:PORT --code C --as ROLE [--name NAME]
       chaosops join HOST:PORT --code C --spectate [--name NAME]

Takes a seat in a drill that \`chaosops host\` runs, on the play screen for your seat only: your view as of
your latest turn, the team's turn log (a private message between two others shows as private), the chat
and your inbox as they arrive, who holds each seat, and on your turn the action picker. Teammate policies
play the seats nobody holds; the facilitator paces the drill, sends hints and holds the ground truth.

Options
  --code C                the join code the host printed (required)
  --as ROLE               the seat to play: ${ROLES.join(', ')}, in any case; one the host opened
  --spectate              watch instead, read-only: the view the facilitator shows and the turn log
  --name NAME             how the others see you, 1 to ${DRILL_LIMITS.nameLength} characters (default: the seat's role)

Keys in the app: ↑↓ ⏎ pick your action · d detail · ? help · r reconnect · q quit

If the connection drops, the screen says so: r reconnects with the same code and seat, and the host gives
the seat back with the screen as it stands (a teammate plays it meanwhile).

Examples
  chaosops join 127.0.0.1:4520 --code K7PX-M2QA --as dev
  chaosops join 10.0.0.12:4520 --code war-room-7 --as sre --name alice
  chaosops join 10.0.0.12:4520 --code war-room-7 --spectate
`;

const FLAGS = ['code', 'as', 'name'] as const;
const HINT = 'see chaosops join --help';

// A host name or IPv4 address, or an IPv6 address in brackets; then the port.
const ADDRESS = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** HOST:PORT as the host printed it. */
function parseAddress(value: string | undefined): string {
	if (value === undefined) throw new InputError(`join needs the host's address, HOST:PORT, as chaosops host printed it (${HINT})`);
	const port = Number(ADDRESS.exec(value)?.[3] ?? NaN);
	if (!(port >= 1 && port <= 65535)) {
		throw new InputError(`${JSON.stringify(value)} is not an address to join; expected HOST:PORT as the host printed it, such as 127.0.0.1:4520`);
	}
	return value;
}

function parseRole(value: string): Role {
	const role = value.trim().toLowerCase();
	if (!isOneOf(ROLES, role)) throw new InputError(`--as ${JSON.stringify(value)} is not a role; expected one of ${ROLES.join(', ')}`);
	return role;
}

function parseName(value: string): string {
	const name = value.trim();
	if (name === '' || [...name].length > DRILL_LIMITS.nameLength || CONTROL.test(name)) {
		throw new InputError(`--name is 1 to ${DRILL_LIMITS.nameLength} characters, without control characters`);
	}
	return name;
}

/** Which seat: a role to play, or null to spectate (one of the two). */
function seatOf(as: string | undefined, spectate: boolean): Role | null {
	if ((as === undefined) === !spectate) throw new InputError(`give --as ROLE to play a seat, or --spectate to watch: one of the two (${HINT})`);
	return as === undefined ? null : parseRole(as);
}

export async function main(argv: string[]): Promise<number> {
	const parsed = await readCommandArguments('join', help, argv, {flags: FLAGS, switches: ['spectate'], operands: true});
	if (parsed === null) return 0;
	const {flags, switches, operands} = parsed;
	if (operands.length > 1) throw new InputError(`unexpected argument '${operands[1]}' for join: it takes one HOST:PORT (${HINT})`);
	const address = parseAddress(operands[0]);
	if (flags.code === undefined) throw new InputError(`--code is required: the join code the host printed (${HINT})`);
	const request: JoinRequest = {
		address,
		code: parseCodeOption(flags.code),
		role: seatOf(flags.as, switches.spectate),
		name: ifGiven(flags.name, parseName),
	};
	requireTerminal('join', 'run it in a terminal, where the drill can be drawn and played');

	const client = new DrillClient(request);
	try {
		await client.connect();
	} catch (error) {
		if (error instanceof JoinFailure) throw new InputError(error.message);
		throw error;
	}
	const {launchJoin} = await loadJoinApp();
	try {
		return await launchJoin({client});
	} finally {
		client.close();
	}
}
