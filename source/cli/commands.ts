// The command table: each command lives in its own module, loaded only when it runs.
export type CommandModule = {
	/** Runs the command with its arguments (after the command name) and returns the exit status. */
	main(argv: string[]): Promise<number>;
};

type CommandEntry = {readonly summary: string; readonly load: () => Promise<CommandModule>};

export const commandTable = {
	play: {summary: 'play an incident in the terminal app, as one or more roles', load: () => import('./play.js')},
	run: {summary: 'play one episode with scripted policies and print its transcript', load: () => import('./run.js')},
	eval: {summary: 'the baseline table: policies by tier over many episodes', load: () => import('./eval.js')},
	lab: {summary: 'how hard a scenario is: policies over many seeds, variants side by side', load: () => import('./lab.js')},
	dataset: {summary: 'training data from scripted episodes: GRPO rows, prompt/completion pairs or steps, as JSON lines', load: () => import('./dataset.js')},
	env: {summary: 'serve the environment over JSON lines on stdin/stdout', load: () => import('./env.js')},
	serve: {summary: 'serve the environment over HTTP and WebSocket, as an OpenEnv server', load: () => import('./serve.js')},
	replay: {summary: 'play back a recording in the app, or print it', load: () => import('./replay.js')},
	debrief: {summary: 'what happened in a recording and why: timeline, verdicts, moments, comparison', load: () => import('./debrief.js')},
	host: {summary: 'run a drill that people join from their own terminals', load: () => import('./host.js')},
	join: {summary: 'take a seat in a drill that chaosops host runs, or watch it', load: () => import('./join.js')},
	scenario: {summary: 'write your own incidents: check a file and play it with the policies, or start a new one', load: () => import('./scenario.js')},
} satisfies Record<string, CommandEntry>;
