// A seat played by a program (`--policy ROLE=cmd:PROGRAM`): started when its first turn comes, it is written one
// JSON object per line on its stdin for each turn (the role, the step, the prompt, the chat messages and the
// observation) and answers one line per turn on its stdout, read by the reference's parser (so a JSON action object,
// or a model's text on one line). It lives for one episode, shared by the seats that name the same command line.
// A crash, a late answer or a line without an action is a noop with a notice; its stderr is never drawn raw.
import {type ChildProcess, spawn} from 'node:child_process';
import type {AgentDecision, Policy} from '../agents/policy.js';
import type {Observation} from '../env/types.js';
import type {Role} from '../env/vocabulary.js';
import {describeSystemError} from '../io/errors.js';
import {actionRequestOf, isUsableReply, parseAction} from '../io/model/parse-action.js';
import {modelInput} from '../io/model/render.js';
import {shellWords} from '../io/shell-words.js';
import {terminalJson, visibleLine} from '../io/terminal-text.js';
import {agentPolicy, noopTurn, quotedBrief} from './agent-policy.js';

export type CommandSeatOptions = {
	/** The command line, split as a shell splits it (io/shell-words.ts) and started without a shell. */
	readonly command: string;
	/** How long a turn waits for the program's line. */
	readonly timeoutMs: number;
	readonly systemPrompts: Readonly<Record<Role, string>>;
	/** The failure types the incident's root cause may be declared as (its root causes). */
	readonly failureTypes: readonly string[];
	/** Each line the program writes on its stderr, made visible; none: kept only for the notice of a crash. */
	readonly stderrLine?: (line: string) => void;
};

/** A line the program writes past this is not an answer. */
const MAX_LINE_BYTES = 1024 * 1024;
const STDERR_KEPT = 5;
const MAX_STDERR_LINE = 4096;

/** What a turn writes on the program's stdin (docs/agents.md). */
export const observationLine = (observation: Observation, role: Role, systemPrompt: string): string =>
	`${terminalJson({role, step: observation.step, ...modelInput(observation, systemPrompt), observation})}\n`;

/** Every program still running, killed if chaosops exits first (a signal, a crash). */
const running = new Set<ChildProcess>();
let killingOnExit = false;
function track(child: ChildProcess): void {
	running.add(child);
	if (killingOnExit) return;
	killingOnExit = true;
	process.once('exit', () => {
		for (const each of running) each.kill('SIGKILL');
	});
}

/** A turn waiting for its line; `answer` is null once the turn stopped waiting (timed out, withdrawn): its line is dropped. */
type Slot = {answer: ((line: string) => void) | null; gone: ((why: string) => void) | null};

class CommandAgent {
	private child: ChildProcess | null = null;
	/** Why the program can no longer answer (exited, failed to start, let go), or null while it can. */
	private goneWhy: string | null = null;
	/** Turns awaiting a line, oldest first: the program answers each line it is written, in order. */
	private readonly slots: Slot[] = [];
	private readonly stderrTail: string[] = [];
	private stdoutBuffer = '';
	private stderrBuffer = '';

	constructor(private readonly options: CommandSeatOptions) {}

	turn = (observation: Observation, role: Role, signal: AbortSignal): Promise<AgentDecision> => {
		const source = this.options.command;
		const child = this.started();
		if (child === null || this.goneWhy !== null) return Promise.resolve(noopTurn(source, `${this.goneWhy}; noop`));
		const seconds = this.options.timeoutMs / 1000;
		return new Promise(resolve => {
			const slot: Slot = {answer: null, gone: null};
			const finish = (decision: AgentDecision) => {
				slot.answer = null;
				slot.gone = null;
				clearTimeout(timer);
				signal.removeEventListener('abort', withdrawn);
				resolve(decision);
			};
			const withdrawn = () => finish(noopTurn(source, 'withdrawn'));
			const timer = setTimeout(() => finish(noopTurn(source, `no line from the program within ${seconds}s; noop`)), this.options.timeoutMs);
			signal.addEventListener('abort', withdrawn, {once: true});
			slot.answer = line => finish(this.decision(line, role));
			slot.gone = why => finish(noopTurn(source, `${why}; noop`));
			this.slots.push(slot);
			child.stdin!.write(observationLine(observation, role, this.options.systemPrompts[role]));
		});
	};

	/** Stops the program (its stdin closed, then a SIGTERM) and answers nothing more. */
	release = (): void => this.stop('the program was stopped');

	private stop(why: string): void {
		const child = this.child;
		this.gone(why);
		if (child === null || child.exitCode !== null || child.signalCode !== null) return;
		child.stdin?.end();
		child.kill('SIGTERM');
		running.delete(child);
	}

	private decision(line: string, role: Role): AgentDecision {
		const parsed = parseAction(line, role, this.options.failureTypes);
		if (!isUsableReply(line, parsed)) return noopTurn(this.options.command, `the program's line holds no action: ${visibleLine(quotedBrief(line))}; noop`, [line]);
		return {action: actionRequestOf(parsed), agent: {source: this.options.command, replies: [line], notice: null}};
	}

	/** The running program, started on the first turn; null once it is gone. */
	private started(): ChildProcess | null {
		if (this.child !== null || this.goneWhy !== null) return this.goneWhy === null ? this.child : null;
		const [program, ...args] = shellWords(this.options.command);
		let child: ChildProcess;
		try {
			child = spawn(program!, args, {stdio: ['pipe', 'pipe', 'pipe']});
		} catch (error) {
			// A program node refuses to look for (an empty name, a NUL in it).
			this.gone(`cannot run ${quotedBrief(program!)}: ${describeSystemError(error)}`);
			return null;
		}
		this.child = child;
		track(child);
		child.on('error', error => this.gone(`cannot run ${visibleLine(program!)}: ${describeSystemError(error)}`));
		// Once its output is all read: the lines it wrote before exiting still answer.
		child.on('close', (code, signal) => {
			running.delete(child);
			const last = this.stderrTail.at(-1);
			const status = code === null ? `was killed by ${signal}` : `exited with status ${code}`;
			this.gone(`the program ${status}${last === undefined ? '' : ` (its last words: ${quotedBrief(last)})`}`);
		});
		// A program that exits unread leaves its stdin broken: the exit says why.
		child.stdin!.on('error', () => {});
		child.stdout!.setEncoding('utf8').on('data', (chunk: string) => this.read(chunk));
		child.stderr!.setEncoding('utf8').on('data', (chunk: string) => this.readStderr(chunk));
		return child;
	}

	private read(chunk: string): void {
		this.stdoutBuffer += chunk;
		for (let end = this.stdoutBuffer.indexOf('\n'); end >= 0; end = this.stdoutBuffer.indexOf('\n')) {
			const line = this.stdoutBuffer.slice(0, end).replace(/\r$/, '');
			this.stdoutBuffer = this.stdoutBuffer.slice(end + 1);
			// A blank line answers nothing: a program may flush one.
			if (line.trim() !== '') this.slots.shift()?.answer?.(line);
		}
		if (Buffer.byteLength(this.stdoutBuffer) > MAX_LINE_BYTES) this.stop(`the program wrote a line longer than ${MAX_LINE_BYTES} bytes and was stopped`);
	}

	private readStderr(chunk: string): void {
		const lines = (this.stderrBuffer + chunk).split('\n');
		// The last piece is a line not finished yet (kept short: only its end could be shown).
		this.stderrBuffer = lines.pop()!.slice(-MAX_STDERR_LINE);
		for (const line of lines) {
			if (line.trim() === '') continue;
			const shown = visibleLine(line.slice(0, MAX_STDERR_LINE));
			this.stderrTail.push(shown);
			if (this.stderrTail.length > STDERR_KEPT) this.stderrTail.shift();
			this.options.stderrLine?.(shown);
		}
	}

	/** The program can answer no more: every turn waiting is told why. */
	private gone(why: string): void {
		this.goneWhy ??= why;
		for (const slot of this.slots.splice(0)) slot.gone?.(this.goneWhy);
	}
}

/** The seat's policy: one program for the episode, started on its first turn, stopped by release(). */
export function commandSeat(options: CommandSeatOptions): Policy {
	const agent = new CommandAgent(options);
	return agentPolicy({name: 'cmd', title: options.command, turn: agent.turn, release: agent.release});
}
