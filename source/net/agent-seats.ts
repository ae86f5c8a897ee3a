// The policies of agent seats, as buildSeats asks for them: a model behind a chat endpoint, or a program.
import type {AgentSeatFactory} from '../agents/runner.js';
import type {Role} from '../env/vocabulary.js';
import {commandSeat} from './command-seat.js';
import {modelSeat} from './model-seat.js';
import type {ChatEndpoint} from './openai-chat.js';

export type AgentSettings = {
	/** The endpoint `llm` seats ask; null when no seat is a model's. */
	readonly endpoint: ChatEndpoint | null;
	/** How long a `cmd:` seat's program has for a turn. */
	readonly commandTimeoutMs: number;
	readonly systemPrompts: Readonly<Record<Role, string>>;
	/** A program's stderr, line by line, made visible (see CommandSeatOptions); none: kept for its notices only. */
	readonly stderrLine?: (command: string, line: string) => void;
};

export const agentSeatFactory = ({endpoint, commandTimeoutMs, systemPrompts, stderrLine}: AgentSettings): AgentSeatFactory => (seat, scenario) => {
	// An incident of one's own is declared by its own root causes; the reference's incidents by its nine.
	const failureTypes = scenario.incident.rootCauses;
	if (seat.kind === 'cmd') {
		const {command} = seat;
		return commandSeat({command, timeoutMs: commandTimeoutMs, systemPrompts, failureTypes, ...(stderrLine && {stderrLine: line => stderrLine(command, line)})});
	}
	if (endpoint === null) throw new Error('an llm seat without an endpoint: the command line should have refused it');
	return modelSeat({endpoint, systemPrompts, failureTypes});
};
