// The debrief of a recorded episode: every step with its verdicts and the incident's note on it, the key moments,
// where the team left the oracle's plan, the totals, and what the scripted teams score on the same scenario and seed.
// The recording is replayed through the engine (resimulate), and each verdict is read from what the engine said of
// the step: its reward breakdown and running figures, or the engine's own rules judged on the world before the step.
import {type BaselineTeam, BASELINE_TEAMS, baselineRuns} from '../agents/baselines.js';
import {oracleMove} from '../agents/policies.js';
import {Episode, type EpisodeResult, type EpisodeStep} from '../agents/runner.js';
import {normaliseAction} from '../env/action.js';
import type {GroundTruthState} from '../env/environment.js';
import type {IncidentWorld} from '../env/incident.js';
import {type ScenarioFields, scenarioFields} from '../env/scenario.js';
import {notesOnActions} from '../env/trainer-notes.js';
import type {Action, Scenario, ScoredComponent} from '../env/types.js';
import type {Health, Role} from '../env/vocabulary.js';
import {sumBreakdowns} from './step-words.js';
import {type RecordedEpisode, drillDecider, firstDifference, resimulate} from './recording.js';

/** Every verdict a step may get, in the order a step lists them. */
export const VERDICTS = [
	'fix',
	'helped',
	'wrong_fix',
	'cascade',
	'red_herring',
	'rogue_caught',
	'false_flag',
	'root_cause_correct',
	'root_cause_wrong',
	'miscommunication',
] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What a verdict is judged on: the step as the engine played it, the incident, and the world just before it. */
type StepFacts = {readonly step: EpisodeStep; readonly scenario: Scenario; readonly before: GroundTruthState};

/** The actions that repair a service, and so may help, fail as a wrong fix, or chase a red herring. */
const REMEDIATIONS: ReadonlySet<string> = new Set(['restart', 'rollback', 'scale']);

/** The world before a step as the incident's rules read it while the step is played (its step count already advanced). */
const ruleWorld = ({scenario, before}: StepFacts): IncidentWorld => ({
	serviceList: scenario.incident.serviceNames.map(name => before.services[name]!),
	oversightFlags: before.oversight_flags,
	declaredRootCause: before.declared_root_cause,
	stepCount: before.step_count + 1,
});

/** A declaration the engine took as the true root cause: no miscommunication, and the declared cause is the incident. */
const declaredTruly = ({step, scenario}: StepFacts): boolean =>
	step.breakdown.miscommunication_penalty === 0 && step.info.declared_root_cause === scenario.incident.name;

/** Whether the step repaired a service that only red-herring logs had named: no true log and no alert names it. */
function chasedRedHerring({step: {action}, before}: StepFacts): boolean {
	if (!REMEDIATIONS.has(action.action_type) || action.target === null) return false;
	const named = before.all_logs.filter(log => log.service === action.target);
	return named.some(log => log.is_red_herring) && named.every(log => log.is_red_herring) && !before.all_alerts.some(alert => alert.service === action.target);
}

/**
 * When each verdict holds. The scored ones are read off the step's breakdown, component for component; `helped` is
 * the incident's own beneficial rules judged on the world before the step, as the engine judges them.
 */
const VERDICT_RULES: Record<Verdict, (facts: StepFacts) => boolean> = {
	fix: ({step}) => step.breakdown.resolved_bonus > 0,
	helped: facts =>
		REMEDIATIONS.has(facts.step.action.action_type) &&
		facts.step.breakdown.wrong_fix_penalty === 0 &&
		facts.scenario.incident.beneficialRule(facts.step.action, ruleWorld(facts)) !== null,
	wrong_fix: ({step}) => step.breakdown.wrong_fix_penalty < 0,
	cascade: ({step}) => step.breakdown.cascade_penalty < 0,
	red_herring: chasedRedHerring,
	rogue_caught: ({step}) => step.breakdown.rogue_caught_bonus > 0,
	false_flag: ({step}) => step.breakdown.rogue_false_positive_penalty < 0,
	root_cause_correct: facts => facts.step.action.action_type === 'identify_root_cause' && declaredTruly(facts),
	root_cause_wrong: facts => facts.step.action.action_type === 'identify_root_cause' && !declaredTruly(facts),
	miscommunication: ({step}) => step.breakdown.miscommunication_penalty < 0,
};

export type TimelineEntry = {
	readonly turn: number;
	/** The step's number as the app counts them, from 1. */
	readonly step: number;
	readonly role: Role;
	readonly by: string;
	/** A drill's player who decided it, or null (a script's step, or no drill). */
	readonly player: string | null;
	readonly action: Action;
	readonly reward: number;
	readonly cumulative_reward: number;
	readonly verdicts: Verdict[];
	/** The incident's notes on this action, joined, or null where it has none. */
	readonly note: string | null;
	/** Each service's health after the step. */
	readonly health: Readonly<Record<string, Health>>;
};

export type Moment = {readonly turn: number; readonly step: number; readonly role: Role; readonly seconds: number | null};

export type Departure = {
	readonly turn: number;
	readonly step: number;
	readonly role: Role;
	readonly by: string;
	readonly action: Action;
	/** What the oracle would have played at that turn. */
	readonly oracle: Action;
};

export type Score = {readonly resolved: boolean; readonly cumulative_reward: number; readonly mttr_steps: number};

export type Debrief = {
	readonly scenario: ScenarioFields;
	readonly title: string;
	readonly timeline: TimelineEntry[];
	readonly moments: {
		readonly first_correct_diagnosis: Moment | null;
		readonly first_beneficial_action: Moment | null;
		readonly resolution: Moment | null;
	};
	readonly departure: Departure | null;
	readonly totals: {
		readonly steps: number;
		readonly resolved: boolean;
		readonly cumulative_reward: number;
		readonly mttr_steps: number;
		readonly components: Readonly<Partial<Record<ScoredComponent, number>>>;
		readonly streams: {readonly team: number; readonly oversight: number};
		/** The incident's hints and oracle moves taken; in a drill, the facilitator's hints sent to the seats too. */
		readonly hints: {readonly ladder: number; readonly oracle: number; readonly facilitator: number};
		readonly undos: number;
		readonly revealed_at_turn: number | null;
	};
	readonly compare: {readonly team: Score; readonly oracle: Score; readonly heuristic: Score};
	/** The oracle team's cumulative reward after each of its steps, for the chart. */
	readonly oracle_curve: number[];
	/** Services in the incident's order, for the health timeline. */
	readonly services: readonly string[];
	/** Where today's engine no longer agrees with the recording (replay names the same), or null. */
	readonly disagreement: string | null;
	/** False when the recording stops before the episode was over. */
	readonly complete: boolean;
};

const scoreOf = ({resolved, cumulative_reward, mttr_steps}: EpisodeResult): Score => ({resolved, cumulative_reward, mttr_steps});

/** The first step that earned a verdict, as a moment: when, by whom, and the seconds of decisions up to it. */
function momentOf(timeline: readonly TimelineEntry[], seconds: ReadonlyArray<number | null>, verdict: Verdict): Moment | null {
	const index = timeline.findIndex(entry => entry.verdicts.includes(verdict));
	if (index < 0) return null;
	const {turn, step, role} = timeline[index]!;
	return {turn, step, role, seconds: seconds[index]!};
}

/** The first step whose action is not what the oracle plays at that role's turn, with the oracle's move. */
function departureFrom(steps: readonly EpisodeStep[], scenario: Scenario): Departure | null {
	const roleTurns: Partial<Record<Role, number>> = {};
	for (const step of steps) {
		const roleTurn = roleTurns[step.role] ?? 0;
		roleTurns[step.role] = roleTurn + 1;
		const oracle = normaliseAction(oracleMove(scenario.incident, step.role, roleTurn), step.role);
		if (firstDifference('', JSON.parse(JSON.stringify(step.action)), JSON.parse(JSON.stringify(oracle))) !== null) {
			return {turn: step.turn, step: step.turn + 1, role: step.role, by: step.by, action: step.action, oracle};
		}
	}
	return null;
}

/**
 * Each component summed over the steps, and the two streams. The drill's unresolved penalty is a component of its
 * last step; the reference takes its penalty from the cumulative reward alone, so its components never hold it.
 */
function rewardTotals(steps: readonly EpisodeStep[], scenario: Scenario) {
	const {team_reward, oversight_reward, total: _total, unresolved_penalty, ...reference} = sumBreakdowns(steps.map(step => step.breakdown));
	const components: Partial<Record<ScoredComponent, number>> = scenario.scoring === 'drill' ? {...reference, unresolved_penalty} : reference;
	return {components, streams: {team: team_reward, oversight: oversight_reward}};
}

/** The seconds of decision time up to and including each step; null throughout for a recording without times. */
function elapsedSeconds(recording: RecordedEpisode): Array<number | null> {
	let elapsed = 0;
	return recording.steps.map(step => {
		if (step.decision_ms === undefined) return null;
		elapsed += step.decision_ms;
		return Math.round(elapsed) / 1000;
	});
}

/** The ground truth before the episode's first step and after each step: the world each verdict is judged on. */
function keepWorlds(episode: Episode): GroundTruthState[] {
	const states = [episode.env.state()];
	episode.subscribe(event => {
		if (event.kind === 'step') states.push(episode.env.state());
	});
	return states;
}

/** Each step with its verdicts and the incident's note, from the steps and the worlds around them (see keepWorlds). */
function annotate(scenario: Scenario, steps: readonly EpisodeStep[], states: readonly GroundTruthState[], players: ReadonlyArray<string | null>): TimelineEntry[] {
	const notes = scenario.incident.file.trainer.notes ?? [];
	return steps.map((step, index): TimelineEntry => {
		const facts = {step, scenario, before: states[index]!};
		const noted = notesOnActions(notes, [step]).map(({note}) => note.note);
		const after = states[index + 1]!.services;
		return {
			turn: step.turn,
			step: step.turn + 1,
			role: step.role,
			by: step.by,
			player: players[index] ?? null,
			action: step.action,
			reward: step.reward,
			cumulative_reward: step.info.cumulative_reward,
			verdicts: VERDICTS.filter(verdict => VERDICT_RULES[verdict](facts)),
			note: noted.length === 0 ? null : noted.join(' '),
			health: Object.fromEntries(scenario.incident.serviceNames.map(name => [name, after[name]!.health])),
		};
	});
}

/** The timeline of steps just played (the app's review at the end of an episode): the same actions played again. */
export function reviewTimeline(scenario: Scenario, played: readonly EpisodeStep[]): TimelineEntry[] {
	const episode = new Episode(scenario, {});
	const states = keepWorlds(episode);
	const {steps} = episode.replay(played.map(({action, by}) => ({action, by})));
	return annotate(scenario, steps, states, []);
}

/** The debrief of one recorded episode, replayed through today's engine. */
export function debriefOf(recording: RecordedEpisode): Debrief {
	const scenario = recording.header.scenario;
	let states: GroundTruthState[] = [];
	const replayed = resimulate(recording, episode => {
		states = keepWorlds(episode);
	});
	const {steps} = replayed;
	const timeline = annotate(scenario, steps, states, recording.steps.map(step => drillDecider(step).player));
	const seconds = elapsedSeconds(recording);
	const result = replayed.episode.result();
	const baselines = baselineRuns(scenario);
	return {
		scenario: scenarioFields(scenario),
		title: scenario.incident.file.title,
		timeline,
		moments: {
			first_correct_diagnosis: momentOf(timeline, seconds, 'root_cause_correct'),
			first_beneficial_action: momentOf(timeline, seconds, 'helped'),
			resolution: momentOf(timeline, seconds, 'fix'),
		},
		departure: departureFrom(steps, scenario),
		totals: {
			steps: steps.length,
			resolved: result.resolved,
			cumulative_reward: result.cumulative_reward,
			mttr_steps: result.mttr_steps,
			...rewardTotals(steps, scenario),
			hints: {
				ladder: recording.hints.filter(hint => hint.source === 'ladder').length,
				oracle: recording.hints.filter(hint => hint.source === 'oracle').length,
				facilitator: recording.drill?.events.filter(event => event.kind === 'facilitator_hint').length ?? 0,
			},
			undos: recording.undos,
			revealed_at_turn: recording.revealedAtTurn,
		},
		compare: {team: scoreOf(result), ...(Object.fromEntries(BASELINE_TEAMS.map(team => [team, scoreOf(baselines[team].result)])) as Record<BaselineTeam, Score>)},
		oracle_curve: baselines.oracle.steps.map(step => step.info.cumulative_reward),
		services: scenario.incident.serviceNames,
		disagreement: replayed.disagreement,
		complete: replayed.complete,
	};
}
