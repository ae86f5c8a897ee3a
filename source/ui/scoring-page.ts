// The "how scoring works" page of the help: how the incident is won, then each reward component of the rules in play
// (scoringRules, the environment's own account of them), named as the reward panel and the transcript name them.
import {REWARD_STREAMS, scoringRules} from '../env/reward.js';
import type {Scenario} from '../env/types.js';
import type {Scoring} from '../env/vocabulary.js';
import {BREAKDOWN_LABELS} from '../io/transcript.js';
import {type SheetLine, hanging, line} from './sheet.js';

/** What each scoring is for, and how to play by the other. */
const SCORING_PURPOSE: Record<Scoring, string> = {
	reference:
		"Reference: the reference environment's numbers, as evaluation reports them: a repeated flag or a lucky guess at the root cause can still pay. Start with --scoring drill for rules made for training.",
	drill:
		"Drill: rules made for training. Each right call pays once; guesses and repeats earn nothing. Start with --scoring reference for the reference environment's numbers.",
};

const LABELS = new Map(BREAKDOWN_LABELS);
/** The leading columns of a rule's line: two spaces, the amount, the component's short name. */
const AMOUNT_WIDTH = 11;
const LABEL_WIDTH = Math.max(...BREAKDOWN_LABELS.map(([, label]) => label.length)) + 2;
/** The labels of the paragraphs (`Winning`, `Rules`, `Streams`) take this much, and so their indent. */
const TOPIC_WIDTH = 10;

const topic = (name: string, text: string, width: number): SheetLine[] =>
	hanging({text: ` ${name}`.padEnd(TOPIC_WIDTH), bold: true}, text, width, TOPIC_WIDTH);

/** The page's lines, below its heading (which the page draws with its keys). */
export function scoringLines({scoring, max_steps: maxSteps}: Scenario, width: number): SheetLine[] {
	const lead = 2 + AMOUNT_WIDTH + LABEL_WIDTH;
	return [
		...topic(
			'Winning',
			`Resolve the incident within ${maxSteps} steps. It resolves the moment the right action lands in the right state: the fix that ends it, or the Manager's resolve once the fix has held. Finding which is the game. After step ${maxSteps} unresolved, the episode ends.`,
			width,
		),
		...topic('Rules', SCORING_PURPOSE[scoring], width),
		line(" A step's reward sums what applies (named as in the reward panel):", width, {bold: true}),
		...scoringRules(scoring).flatMap(({component, amount, when}) =>
			hanging({text: `  ${amount.padEnd(AMOUNT_WIDTH)}${(LABELS.get(component) ?? component).padEnd(LABEL_WIDTH)}`}, when, width, lead),
		),
		...topic('Streams', REWARD_STREAMS, width),
	];
}
