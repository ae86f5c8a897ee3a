// `chaosops env`: the environment over JSON lines on stdin/stdout. Replies go out in request order, and reading
// waits while stdout is full, so a slow reader never makes replies pile up in memory.
import {LINE_TOO_LONG, isBlankLine, requestLines} from '../io/line-reader.js';
import {JsonBytes} from '../io/json-bytes.js';
import {MAX_REQUEST_BYTES, ProtocolSession, lineTooLongReply} from '../io/protocol.js';
import {readCommandLine} from './command-line.js';
import {reportServedBug} from './errors.js';
import {systemPromptsFrom} from '../io/role-prompts.js';

/** The longest request line taken; a longer one is answered ok:false and skipped. */
const MAX_LINE_BYTES = MAX_REQUEST_BYTES;

const HELP = `
Usage: chaosops env [--system-prompts DIR]

Serves the ChaosOps environment as JSON lines: one request per line on stdin, one reply per line on stdout,
in order. An optional "id" (a string, or an integer with |n| < 2^53) is echoed in the reply. Blank lines (only
spaces and tabs) are skipped. A line may be at most 16 MiB; a longer one is answered ok:false and skipped. End of input ends it.

Requests
  {"op":"reset","scenario":{"incident":"cascade","difficulty":"hard","seed":7}}
      "incident": a built-in incident's name, or a whole incident file inline (docs/incidents.md);
      "failure_type" (a built-in name) is accepted instead, as before
      optional: "max_steps" (20), "inject_misleading_logs" (on for hard), "rogue_fleet_agent" (the incident's),
      "scoring" ("reference", or "drill": the rules for training, docs/protocol.md)
      → {"ok":true,"observation":{…}}
  {"op":"step","action":{"action_type":"restart","target":"db"}}
      optional: "target", "args" (message, to, replicas, failure_type, agent_name), "role" (the turn's role wins)
      → {"ok":true,"observation":{…},"breakdown":{…},"info":{…}}
  {"op":"state"}           → {"ok":true,"state":{…the full ground truth…}}
  {"op":"legal_actions"}   → {"ok":true,"role":"sre","legal_actions":[…],"done":false}
  {"op":"prompt"}          → {"ok":true,"prompt":"…","messages":[…]}: the acting role's system prompt and
                             observation, as its model reads them (as a prompt, and as chat messages)
  {"op":"parse","text":"…","role":"dev"}  → {"ok":true,"action":{"action_type":…,"target":…,"args":{…}}}
                             a model's reply read into an action as the reference's parser reads it
  {"op":"score","scenario_json":"…","action_history_json":"…","role":"dev","completion":"…","team_weight":0.6}
                           → {"ok":true,"reward":…}: the reward the reference's GRPO trainer gives the completion

Options
  --system-prompts DIR     the role prompts "prompt" renders with: sre.md, dev.md, manager.md and oversight.md
                           (default: the project's prompts/)

Anything wrong (not JSON, an unknown op, an action that fails the schema, a step before reset or after the
episode is over, a line too long) → {"ok":false,"error":"…"}; the environment is unchanged and the server keeps
serving. The whole protocol: docs/protocol.md.

Example
  echo '{"op":"reset","scenario":{"incident":"db_deadlock","difficulty":"easy","seed":0}}' | chaosops env | jq .observation.message
`;

/** Settles when stdout can take more. (A stdout that fails ends the command: see cli/index.ts.) */
const drained = (stdout: NodeJS.WriteStream) => new Promise<void>(resolve => stdout.once('drain', resolve));

/**
 * Replies go out in writes of about this many bytes, a pipe's capacity: a write to a pipe blocks until the reader
 * has taken all of it, so a larger one would keep the server waiting for a slow reader rather than answering the
 * next requests while the reader reads.
 */
const WRITE_BYTES = 64 * 1024;

/** Writes what `out` holds to stdout; settles when stdout can take more. */
async function send(out: JsonBytes): Promise<void> {
	const replies = out.take();
	if (!process.stdout.write(replies, () => out.giveBack(replies))) await drained(process.stdout);
}

/**
 * Serves until end of input. Replies go out in writes of about WRITE_BYTES as they are made, and what is left as
 * soon as the lines that came together are answered: a pipe full of requests gets large writes while its reader
 * reads, and a trainer that sends a line and waits gets its reply at once.
 */
async function serve(session: ProtocolSession): Promise<void> {
	const out = new JsonBytes();
	for await (const lines of requestLines(process.stdin, MAX_LINE_BYTES)) {
		for (const line of lines) {
			if (line === LINE_TOO_LONG) out.text(`${lineTooLongReply(MAX_LINE_BYTES)}\n`);
			else if (!isBlankLine(line)) session.reply(line, out);
			if (out.length >= WRITE_BYTES) await send(out);
		}
		if (out.length > 0) await send(out);
	}
}

export async function main(argv: string[]): Promise<number> {
	const flags = await readCommandLine('env', HELP, argv, ['systemPrompts']);
	if (flags === null) return 0;
	await serve(new ProtocolSession(undefined, reportServedBug, systemPromptsFrom(flags.systemPrompts)));
	return 0;
}
