// `chaosops serve`: the environment as an OpenEnv server over HTTP and WebSocket (net/openenv-server.ts), for
// trainers that drive environments with OpenEnv's client. It serves until SIGINT or SIGTERM.
import {onStopSignal, signalStatus, type StopSignal} from '../io/signals.js';
import {serveOpenEnv} from '../net/openenv-server.js';
import {readCommandLine} from './command-line.js';
import {reportServedBug} from './errors.js';
import {LOOPBACK, isEveryAddress, listening, parsePort} from './listen.js';
import {systemPromptsFrom} from '../io/role-prompts.js';
import {ifGiven} from './options.js';

/** OpenEnv's port. */
export const SERVE_PORT = 8000;

const HELP = `
Usage: chaosops serve [--port ${SERVE_PORT}] [--listen ADDR] [--system-prompts DIR]

Serves the ChaosOps environment over HTTP and WebSocket as an OpenEnv server does, so that a trainer using
OpenEnv's client (openenv-core) talks to it. Runs until Ctrl+C (SIGINT) or SIGTERM. The whole API: docs/serve.md.

Options
  --port P                the port to listen on, 0 for any free one (default: ${SERVE_PORT}); the URL is printed
  --listen ADDR           the address to listen on (default: ${LOOPBACK}, this machine only); 0.0.0.0 lets
                          anyone who can reach the port drive the environment
  --system-prompts DIR    the role prompts POST /prompt renders with: sre.md, dev.md, manager.md and
                          oversight.md (default: the project's prompts/)

Endpoints
  POST /reset      {} (db_deadlock, easy, seed 0), {"seed":3}, {"scenario":"cascade-night-shift"} (a preset or
                   built-in incident), or {"scenario":{…}} as chaosops env's reset takes it
                   → {"observation":{…},"reward":0,"done":false}
  POST /step       {"action":{"action_type":"restart","target":"db"}}
                   → {"observation":{…},"reward":…,"done":…,"breakdown":{…},"info":{…}}
  GET  /state      the full ground truth        GET /health    {"status":"healthy"}
  GET  /schema     JSON Schemas of the action, the observation and the state
  GET  /metadata   the environment's name, description and version
  POST /prompt     {} → {"prompt":"…","messages":[…]}: what the acting role's model reads
  POST /parse      {"text":"…","role":"dev"} → {"action":{…}}: a model's reply read as the reference reads it
  POST /score      {"scenario_json","action_history_json","role","completion","team_weight"} → {"reward":…}
  /ws              a WebSocket: one environment per connection; messages {"type":"reset","data":{…}},
                   {"type":"step","data":{…the action…}}, {"type":"state"}, {"type":"close"}, and
                   prompt, parse and score with their bodies as data

The HTTP endpoints share one environment; use /ws to run several at once. A request that is wrong gets a 4xx
reply {"error":"…"} (400 bad body, 409 a step before reset or after the episode, 404, 405, 413) and changes nothing.

Examples
  chaosops serve --port 8000
  curl -s -X POST localhost:8000/reset -d '{"scenario":"cascade","seed":7}'
  curl -s -X POST localhost:8000/step -d '{"action":{"action_type":"identify_root_cause","args":{"failure_type":"cascade"}}}'
  curl -s localhost:8000/state
`;

/** The URL a client uses: an IPv6 address in brackets. */
const urlOf = (host: string, port: number): string => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

export async function main(argv: string[]): Promise<number> {
	const flags = await readCommandLine('serve', HELP, argv, ['port', 'listen', 'systemPrompts']);
	if (flags === null) return 0;
	const listen = flags.listen ?? LOOPBACK;
	const port = ifGiven(flags.port, parsePort) ?? SERVE_PORT;
	const systemPrompts = systemPromptsFrom(flags.systemPrompts);
	// Listened for from the start, so that a signal that comes as soon as the URL is out finds the server ready to stop.
	const stopped = new Promise<StopSignal>(resolve => onStopSignal(resolve));
	const server = await listening(serveOpenEnv({host: listen, port, systemPrompts, onBug: reportServedBug}), port, listen);
	const url = urlOf(listen, server.port);
	process.stdout.write(`chaosops serve: listening on ${url} (WebSocket ${url.replace('http', 'ws')}/ws)\n`);
	if (isEveryAddress(listen)) {
		process.stderr.write(`chaosops: warning: listening on every address (${listen}): anyone who can reach port ${server.port} can drive the environment\n`);
	}
	const signal = await stopped;
	await server.close();
	return signalStatus(signal);
}
