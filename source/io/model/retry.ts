// Asking a model again when its reply held no action (the reference's generate_action_with_retry): up to three
// attempts, each after the first reminded of the rule and shown what it said; then a noop, so the episode goes on.
import type {Role} from '../../env/vocabulary.js';
import {NOOP_ACTION, type ParsedAction, isUsableReply, parseAction} from './parse-action.js';

export const RETRY_REMINDER = 'Previous reply did not contain a valid JSON action. Respond with ONLY a JSON object matching the schema.';
export const MAX_ATTEMPTS = 3;

/** How much of an unusable reply the next prompt quotes: Python's `reply[:500]`, which counts code points. */
const QUOTED_CODE_POINTS = 500;

function firstCodePoints(text: string, count: number): string {
	let end = 0;
	let seen = 0;
	for (const character of text) {
		if (seen === count) break;
		end += character.length;
		seen++;
	}
	return text.slice(0, end);
}

/** The prompt after a failed attempt: the reply it gave (when it gave one) quoted after the reminder. */
export function retryPrompt(original: string, previous: {reply: string} | {error: string}): string {
	const reminded = `${original}\n\n${RETRY_REMINDER}`;
	return 'reply' in previous ? `${reminded}\n\nPrevious output:\n${firstCodePoints(previous.reply, QUOTED_CODE_POINTS)}` : reminded;
}

export type RetriedDecision = {
	/** The action of the first usable reply, or a noop when no attempt gave one. */
	readonly action: ParsedAction;
	/** Every reply received, in order (a provider error gives none). */
	readonly replies: string[];
	/** What went wrong with each failed attempt, one line each: `attempt 2: …`. */
	readonly problems: string[];
};

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The role's action from `ask` (which rejects on a provider error), asking again as the retry rule says. */
export async function decideWithRetry(original: string, ask: (prompt: string) => Promise<string>, role: Role): Promise<RetriedDecision> {
	const replies: string[] = [];
	const problems: string[] = [];
	let prompt = original;
	for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
		let reply: string;
		try {
			reply = await ask(prompt);
		} catch (error) {
			problems.push(`attempt ${attempt}: the model could not be asked: ${errorText(error)}`);
			prompt = retryPrompt(original, {error: errorText(error)});
			continue;
		}
		replies.push(reply);
		const action = parseAction(reply, role);
		if (isUsableReply(reply, action)) return {action, replies, problems};
		problems.push(`attempt ${attempt}: the reply held no JSON action`);
		prompt = retryPrompt(original, {reply});
	}
	return {action: NOOP_ACTION, replies, problems};
}
