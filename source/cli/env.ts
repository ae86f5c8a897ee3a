// `chaosops env`: the environment over JSON lines on stdin/stdout. Replies go out in request order, and reading
// waits while stdout is full, so a slow reader never makes replies pile up in memory.
import {ProtocolSession} from '../io/protocol.js';
import {readCommandLine} from './command-line.js';
import {fail} from './errors.js';

const HELP = `
Usage: chaosops env

Serves the ChaosOps environment as JSON lines: one request per line on stdin, one reply per line on stdout,
in order. An optional "id" (a string or a number) is echoed in the reply. Blank lines are skipped. End of input ends it.

Requests
  {"op":"reset","scenario":{"failure_type":"cascade","difficulty":"hard","seed":7}}
      optional: "max_steps" (20), "inject_misleading_logs" (on for hard), "rogue_fleet_agent" (the failure's)
      → {"ok":true,"observation":{…}}
  {"op":"step","action":{"action_type":"restart","target":"db"}}
      optional: "target", "args" (message, to, replicas, failure_type, agent_name), "role" (the turn's role wins)
      → {"ok":true,"observation":{…},"breakdown":{…},"info":{…}}
  {"op":"state"}           → {"ok":true,"state":{…the full ground truth…}}
  {"op":"legal_actions"}   → {"ok":true,"role":"sre","legal_actions":[…],"done":false}

Anything wrong (not JSON, an unknown op, an action that fails the schema, a step before reset or after the
episode is over) → {"ok":false,"error":"…"}; the environment is unchanged and the server keeps serving.

Example
  echo '{"op":"reset","scenario":{"failure_type":"db_deadlock","difficulty":"easy","seed":0}}' | chaosops env | jq .observation.message
`;

/** Settles when stdout can take more, or when it has failed (its reader gone). */
const writable = (stdout: NodeJS.WriteStream) =>
	new Promise<void>(resolve => {
		const settle = () => {
			stdout.off('drain', settle).off('error', settle);
			resolve();
		};
		stdout.on('drain', settle).on('error', settle);
	});

/** Serves until end of input, or until nobody reads the replies; returns the error that stopped output, if any. */
async function serve(session: ProtocolSession): Promise<NodeJS.ErrnoException | undefined> {
	const {stdin, stdout} = process;
	let outputError: NodeJS.ErrnoException | undefined;
	stdout.on('error', error => (outputError ??= error));
	stdin.setEncoding('utf8');
	let pending = '';
	for await (const chunk of stdin as AsyncIterable<string>) {
		const lines = (pending + chunk).split('\n');
		pending = lines.pop()!;
		let out = '';
		for (const line of lines) if (line.trim() !== '') out += `${session.reply(line)}\n`;
		if (out !== '' && !stdout.write(out)) await writable(stdout);
		if (outputError !== undefined) return outputError;
	}
	if (pending.trim() !== '') stdout.write(`${session.reply(pending)}\n`);
	return outputError;
}

export async function main(argv: string[]): Promise<number> {
	if (await readCommandLine('env', HELP, argv, []) === null) return 0;
	const outputError = await serve(new ProtocolSession());
	// A reader that closes its end early has simply finished with the environment.
	if (outputError === undefined || outputError.code === 'EPIPE') return 0;
	return fail(`cannot write replies: ${outputError.message}`, 1);
}
