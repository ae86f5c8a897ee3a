// Training data (`chaosops dataset`): the tiers' episodes played by scripted policies, a JSON line per turn, written
// as each turn is played, so that memory stays flat however many episodes run. Three formats (docs/dataset.md):
// the reference's GRPO rows, prompt/completion pairs for supervised fine-tuning, and the runner's steps.
import {TIER_SPECS, tierScenarios} from '../agents/curriculum.js';
import type {AwaitedEpisode} from '../agents/evaluation.js';
import {type AgentSeatFactory, Episode, type EpisodeResult, type EpisodeStep, type PolicyMap, buildSeats} from '../agents/runner.js';
import {ChaosOpsEnv} from '../env/environment.js';
import {scenarioFields} from '../env/scenario.js';
import type {Action, Scenario} from '../env/types.js';
import {ROLES, type Difficulty, type Role} from '../env/vocabulary.js';
import {builtInIncident} from './incidents.js';
import {pythonJsonDumps} from './model/python-json.js';
import {buildPrompt} from './model/render.js';
import {trainingTarget} from './model/training-target.js';
import {stepJson} from './step-json.js';
import {terminalJson} from './terminal-text.js';

export const DATASET_FORMATS = ['grpo', 'sft', 'trajectory'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

export type DatasetPlan = {
	readonly tiers: readonly Difficulty[];
	readonly episodesPerType: number;
	readonly seedOffset: number;
	/** Who plays each seat; each policy seeded with the scenario's seed, as eval seeds them. */
	readonly policies: PolicyMap;
	/** What makes the seats of models and programs, when any seat is one's. */
	readonly agents?: AgentSeatFactory | undefined;
	readonly format: DatasetFormat;
	/** Each role's system prompt, put before the rendered observation in a prompt. */
	readonly systemPrompts: Readonly<Record<Role, string>>;
};

/** An episode's line maker: called with each step as it is played, it gives the step's line (with its newline). */
type StepLines = (step: EpisodeStep) => string;
/** What a format makes of an episode: its line maker, given the scenario and the episode's place in the file (from 0). */
type EpisodeLines = (scenario: Scenario, episode: number, systemPrompts: Readonly<Record<Role, string>>) => StepLines;

/** The reference's scenario_json: these fields, in this order, as Python's json.dumps writes them. */
const scenarioJson = (scenario: Scenario): string =>
	pythonJsonDumps({
		failure_type: scenario.failure_type,
		difficulty: scenario.difficulty,
		seed: scenario.seed,
		max_steps: scenario.max_steps,
		inject_misleading_logs: scenario.inject_misleading_logs,
		rogue_fleet_agent: scenario.rogue_fleet_agent,
	});

const promptOf = (step: EpisodeStep, systemPrompts: Readonly<Record<Role, string>>): string => buildPrompt(step.observation, systemPrompts[step.role]);

const LINES: Record<DatasetFormat, EpisodeLines> = {
	// build_training_dataset's rows, each written as Python's json.dumps writes it: the history is the actions taken
	// before the row's turn, each {role, action_type, target, args}.
	grpo(scenario, _episode, systemPrompts) {
		const scenarioText = scenarioJson(scenario);
		const history: Action[] = [];
		return step => {
			const row = {
				prompt: promptOf(step, systemPrompts),
				scenario_json: scenarioText,
				action_history_json: pythonJsonDumps(history),
				role: step.role,
				turn_idx: step.turn,
			};
			history.push(step.action);
			return `${pythonJsonDumps(row)}\n`;
		};
	},
	sft: (_scenario, _episode, systemPrompts) => step => {
		const {action_type, target, args} = step.action;
		return `${pythonJsonDumps({prompt: promptOf(step, systemPrompts), completion: trainingTarget({action_type, target, args})})}\n`;
	},
	// The step as `run --format json` writes it, after what groups the lines into episodes.
	trajectory(scenario, episode) {
		const fields = scenarioFields(scenario);
		return step => `${terminalJson({episode, scenario: fields, ...stepJson(step)})}\n`;
	},
};

/** How many episodes the plan plays. */
export const datasetEpisodeCount = ({tiers, episodesPerType}: Pick<DatasetPlan, 'tiers' | 'episodesPerType'>): number =>
	tiers.reduce((sum, tier) => sum + TIER_SPECS[tier].pool.length * episodesPerType, 0);

/**
 * Plays the plan's episodes in order (tiers as given; in each, its scenarios as eval plays them), handing each turn's
 * line to `write` as the turn is played; yields after each episode, so that a caller can stop between them (and,
 * before that, an episode with a model's or a program's seat, to have it awaited: see AwaitedEpisode). Nothing
 * is kept from one turn to the next but the episode's own history. The reference bounds an episode at max_steps × 4
 * turns; every turn is a step here as there, so an episode is over at max_steps turns, well within it.
 */
export function* datasetLines(plan: DatasetPlan, write: (text: string) => void): Generator<AwaitedEpisode | undefined, void, EpisodeResult | undefined> {
	const env = new ChaosOpsEnv();
	let episode = 0;
	for (const tier of plan.tiers) {
		for (const scenario of tierScenarios(builtInIncident, tier, plan.seedOffset, plan.episodesPerType)) {
			const line = LINES[plan.format](scenario, episode++, plan.systemPrompts);
			const seats = buildSeats(plan.policies, scenario, scenario.seed, plan.agents);
			const run = new Episode(scenario, seats, {env});
			run.subscribe(event => {
				if (event.kind === 'step') write(line(event.step));
			});
			const played = run.play();
			if (played instanceof Promise) yield {awaiting: played};
			for (const role of ROLES) seats[role]?.release?.();
			yield undefined;
		}
	}
}
