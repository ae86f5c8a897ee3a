// Asking a model again (the reference's generate_action_with_retry): what each attempt is shown, and what comes of it.
import {describe, expect, it} from 'vitest';
import {MAX_ATTEMPTS, RETRY_REMINDER, decideWithRetry, retryPrompt} from '../../source/io/model/retry.js';

/** A stand-in model answering from a script (a reply, or an Error to reject with), keeping each prompt it was sent. */
function scriptedModel(answers: ReadonlyArray<string | Error>) {
	const prompts: string[] = [];
	const ask = async (prompt: string): Promise<string> => {
		const answer = answers[prompts.length];
		prompts.push(prompt);
		if (answer === undefined) throw new Error('asked too often');
		if (answer instanceof Error) throw answer;
		return answer;
	};
	return {ask, prompts};
}

const ORIGINAL = 'STEP 0\nROLE SRE';

describe('decideWithRetry', () => {
	it('takes a usable first reply, asking once', async () => {
		const model = scriptedModel(['{"action_type": "restart", "target": "db"}']);
		const decision = await decideWithRetry(ORIGINAL, model.ask, 'sre');
		expect(decision.action).toEqual({action_type: 'restart', target: 'db', args: {}});
		expect(decision.problems).toEqual([]);
		expect(model.prompts).toEqual([ORIGINAL]);
	});

	it('asks again after an unusable reply, reminded and shown the reply', async () => {
		const model = scriptedModel(['I think the database is stuck.', '{"action_type": "escalate"}']);
		const decision = await decideWithRetry(ORIGINAL, model.ask, 'sre');
		expect(model.prompts[1]).toBe(
			`${ORIGINAL}\n\nPrevious reply did not contain a valid JSON action. Respond with ONLY a JSON object matching the schema.\n\nPrevious output:\nI think the database is stuck.`,
		);
		expect(decision.action.action_type).toBe('escalate');
		expect(decision.replies).toEqual(['I think the database is stuck.', '{"action_type": "escalate"}']);
		expect(decision.problems).toEqual(['attempt 1: the reply held no JSON action']);
	});

	it('after a provider error asks with the reminder alone', async () => {
		const model = scriptedModel([new Error('500 Internal Server Error'), '{"action_type": "noop"}']);
		const decision = await decideWithRetry(ORIGINAL, model.ask, 'dev');
		expect(model.prompts[1]).toBe(`${ORIGINAL}\n\n${RETRY_REMINDER}`);
		expect(decision.action).toEqual({action_type: 'noop', target: null, args: {}});
		expect(decision.replies).toEqual(['{"action_type": "noop"}']);
		expect(decision.problems).toEqual(['attempt 1: the model could not be asked: 500 Internal Server Error']);
	});

	it('gives a noop after three failed attempts, each prompt built from the original', async () => {
		const model = scriptedModel(['nothing', new Error('timed out'), 'still nothing', '{"action_type": "resolve"}']);
		const decision = await decideWithRetry(ORIGINAL, model.ask, 'manager');
		expect(MAX_ATTEMPTS).toBe(3);
		expect(model.prompts).toEqual([ORIGINAL, retryPrompt(ORIGINAL, {reply: 'nothing'}), `${ORIGINAL}\n\n${RETRY_REMINDER}`]);
		expect(decision.action).toEqual({action_type: 'noop', target: null, args: {}});
		expect(decision.replies).toEqual(['nothing', 'still nothing']);
		expect(decision.problems).toHaveLength(3);
	});

	it('takes a noop meant as one (the reply has braces) without asking again', async () => {
		const model = scriptedModel(['{"thinking": "wait"}']);
		expect((await decideWithRetry(ORIGINAL, model.ask, 'sre')).action.action_type).toBe('noop');
		expect(model.prompts).toHaveLength(1);
	});
});

describe('retryPrompt', () => {
	it("quotes the first 500 characters of the reply, counted as Python counts them (code points)", () => {
		const reply = `${'\u{1f600}'.repeat(499)}ab`;
		const quoted = retryPrompt('P', {reply}).split('Previous output:\n')[1];
		expect(quoted).toBe(`${'\u{1f600}'.repeat(499)}a`);
		expect([...quoted!]).toHaveLength(500);
	});

	it('quotes a short reply whole', () => {
		expect(retryPrompt('P', {reply: 'hello'})).toBe(`P\n\n${RETRY_REMINDER}\n\nPrevious output:\nhello`);
	});
});
