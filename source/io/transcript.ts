// The plain-text transcript of an episode (spec §13), byte for byte the reference's format; a drill's adds its
// seats, each step's player and the events between steps.
import type {AgentTurn} from '../agents/policy.js';
import type {Action, RewardBreakdown, Scenario, ScoredComponent} from '../env/types.js';
import type {Role} from '../env/vocabulary.js';
import {drillEventWords, stepPlayerWords} from './drill-events.js';
import {pythonFixed, pythonListRepr} from './python-format.js';
import type {DrillEvent, DrillStepFields} from './recording-writer.js';
import {visibleLine} from './terminal-text.js';

export type TranscriptStep = {
	readonly turn: number;
	readonly role: Role;
	readonly action: Action;
	readonly reward: number;
	readonly breakdown: RewardBreakdown;
	/** A model's or program's account of the step; its replies and notice follow the step's lines. */
	readonly agent?: AgentTurn | undefined;
};

/** A drill's part of its transcript: the seats and countdown, who decided each step (in their order), the events. */
export type TranscriptDrill = {
	readonly seats: readonly Role[];
	readonly turnSeconds: number | null;
	readonly deciders: readonly DrillStepFields[];
	readonly events: readonly DrillEvent[];
};

export type TranscriptEpisode = {
	readonly scenario: Pick<Scenario, 'failure_type' | 'difficulty' | 'seed' | 'rogue_fleet_agent'>;
	readonly steps: readonly TranscriptStep[];
	readonly result: {
		readonly resolved: boolean;
		readonly final_step: number;
		readonly cumulative_reward: number;
		readonly wrong_fixes: number;
		readonly oversight_flags: readonly string[];
	};
	/** A drill's recording played back; none for any other episode. */
	readonly drill?: TranscriptDrill | null;
};

export const TRANSCRIPT_TITLE = 'ChaosOps episode transcript';

export const ROLE_TAG: Record<Role, string> = {sre: 'SRE', dev: 'DEV', manager: 'MGR', oversight: 'OVS'};

/**
 * The breakdown's short names, in the transcript's order (not the breakdown's); the last only a drill's breakdown
 * has. The app names components by them too.
 */
export const BREAKDOWN_LABELS: ReadonlyArray<readonly [ScoredComponent, string]> = [
	['resolved_bonus', 'resolved'],
	['mttr_penalty', 'mttr'],
	['early_root_cause_bonus', 'early_rca'],
	['rogue_caught_bonus', 'rogue_caught'],
	['rogue_false_positive_penalty', 'false_flag'],
	['wrong_fix_penalty', 'wrong_fix'],
	['miscommunication_penalty', 'miscom'],
	['cascade_penalty', 'cascade'],
	['under_budget_bonus', 'under_budget'],
	['unresolved_penalty', 'unresolved'],
];

/** The non-zero components of a breakdown, each short-named with its signed whole value: `resolved+100`. */
export const breakdownParts = (breakdown: Readonly<Partial<Record<ScoredComponent, number>>>): string[] =>
	BREAKDOWN_LABELS.filter(([component]) => (breakdown[component] ?? 0) !== 0).map(
		([component, label]) => `${label}${pythonFixed(breakdown[component]!, 0, true)}`,
	);

const RULE = '='.repeat(72);
const THIN_RULE = '-'.repeat(72);
const signed = (value: number, decimals: number) => pythonFixed(value, decimals, true);

/** How much of an agent's reply a transcript shows. */
const REPLY_SHOWN = 300;

/** An agent's replies, each on one line and cut short, and its notice; none for any other step. */
const agentLines = (agent: AgentTurn | undefined): string[] =>
	agent === undefined
		? []
		: [
				...agent.replies.map((reply, index) => {
					const shown = reply.length > REPLY_SHOWN ? `${reply.slice(0, REPLY_SHOWN)}…` : reply;
					return `        reply ${index + 1} from ${visibleLine(agent.source)}: ${visibleLine(shown)}`;
				}),
				...(agent.notice === null ? [] : [`        notice: ${visibleLine(agent.notice)}`]),
			];

/** A step's lines; `suffix` ends its first line (a drill's player). */
function stepLines({turn, role, action, reward, breakdown, agent}: TranscriptStep, suffix = ''): string[] {
	// Targets and args are whatever a player sent: their control characters are shown, not sent to the terminal
	// (the reference prints them raw; for text without them the lines are the same).
	const args = Object.entries(action.args)
		.map(([key, value]) => ` ${key}=${visibleLine(String(value))}`)
		.join('');
	const target = action.target ? visibleLine(action.target) : '-';
	const line = `t${String(turn).padStart(2, '0')} [${ROLE_TAG[role]}] action=${action.action_type} target=${target}${args}  reward=${signed(reward, 1)}${suffix}`;
	const parts = breakdownParts(breakdown);
	return [line, ...(parts.length === 0 ? [] : [`        breakdown: ${parts.join(', ')}`]), ...agentLines(agent)];
}

const drillHeading = ({seats, turnSeconds}: TranscriptDrill): string[] => [
	`drill seats   : ${seats.map(role => ROLE_TAG[role]).join(', ')}`,
	`turn seconds  : ${turnSeconds ?? 'none'}`,
];

/** A drill's steps, each with its player, and before each the events written after the steps before it. */
function drillStepLines(steps: readonly TranscriptStep[], {deciders, events}: TranscriptDrill): string[] {
	const eventLines = (at: (turn: number) => boolean) => events.filter(event => at(event.turn)).map(event => `  -- ${visibleLine(drillEventWords(event))}`);
	const playerSuffix = (index: number) => {
		const words = stepPlayerWords(deciders[index]!);
		return words === null ? '' : `  ${visibleLine(words)}`;
	};
	return [
		...steps.flatMap((step, index) => [...eventLines(turn => turn === step.turn), ...stepLines(step, playerSuffix(index))]),
		...eventLines(turn => turn >= steps.length),
	];
}

export function formatTranscript({scenario, steps, result, drill = null}: TranscriptEpisode): string {
	const lines = [
		RULE,
		TRANSCRIPT_TITLE,
		RULE,
		`scenario      : ${scenario.failure_type} (${scenario.difficulty})`,
		`seed          : ${scenario.seed}`,
		`rogue_agent   : ${scenario.rogue_fleet_agent || 'none (infra fault)'}`,
		...(drill === null ? [] : drillHeading(drill)),
		'',
		...(drill === null ? steps.flatMap(step => stepLines(step)) : drillStepLines(steps, drill)),
		'',
		THIN_RULE,
		`RESULT  resolved=${result.resolved ? 'True' : 'False'}  steps=${result.final_step}  cum_reward=${signed(result.cumulative_reward, 1)}  wrong_fixes=${result.wrong_fixes}  oversight_flags=${pythonListRepr(result.oversight_flags)}`,
		THIN_RULE,
	];
	return `${lines.join('\n')}\n`;
}
