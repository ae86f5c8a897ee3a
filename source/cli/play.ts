// `chaosops play`: the terminal app, a person in one or more seats and scripted policies in the others.
import {POLICY_NAMES} from '../agents/policies.js';
import {Episode, type PolicyMap, type Seats, buildSeats} from '../agents/runner.js';
import type {Observation, Scenario} from '../env/types.js';
import {ROLES, type Role} from '../env/vocabulary.js';
import {checkedScenario, presetNames} from '../io/built-ins.js';
import {refuseOverwriting} from '../io/output-file.js';
import {type EpisodeJournal, RecordingWriter, seatHolders} from '../io/recording-writer.js';
import type {ResolvedScenario} from '../io/scenarios.js';
import {CHAOSOPS_VERSION} from '../io/version.js';
import {loadApp} from '../ui/load-app.js';
import {AGENT_FLAGS, AGENT_FLAGS_HELP, agentSeatsFrom} from './agent-flags.js';
import {readCommandLine} from './command-line.js';
import {DEFAULT_DELAY_MS, PLAY_DEFAULT_POLICY, PLAY_DEFAULT_SCENARIO, PLAY_DEFAULT_SEAT} from './option-defaults.js';
import {requireTerminal} from './terminal.js';

const help = () => `
Usage: chaosops play [options]

Opens the incident in the terminal: you play one or more roles, scripted policies play the others.

Options
  --scenario S            a preset, a built-in incident, or a scenario or incident file path (default: ${PLAY_DEFAULT_SCENARIO})
  --difficulty D          easy, medium or hard (default: the scenario's)
  --seed N                the scenario seed (default: the scenario's)
  --as ROLE[,ROLE…]       the roles you play: sre, dev, manager, oversight, in any case (default: ${PLAY_DEFAULT_SEAT});
                          two or more share the keyboard, with a hand-over screen between turns
  --policy NAME           a policy (${POLICY_NAMES.join(', ')}) in every other seat
  --policy role=NAME,...  per role; roles not named play noop, or --teammates. NAME may be actions:FILE,
                          a fixed line of actions (docs/actions-files.md), or an agent: llm or cmd:PROGRAM (below).
                          Default: the scenario file's policies, else ${PLAY_DEFAULT_POLICY} in every seat
                          (teammates share what they find, do what you ask in the chat, and act on
                          their own only once nobody has led for two rounds)
  --teammates NAME        the policy in every seat --policy does not name
  --scoring S             reference or drill (default: the scenario's, else reference); ? in the app explains it
  --delay MS              pause before each scripted turn, in ms (default: ${DEFAULT_DELAY_MS})
  --record FILE           write the episode to FILE as JSON lines, step by step (see chaosops replay);
                          FILE is replaced when the episode starts

${AGENT_FLAGS_HELP}

Keys in the app: space pause · n step · t take over · u undo · h hint · g truth · d detail · ? help · q quit

Presets        ${presetNames().join(', ')}

Examples
  chaosops play
  chaosops play --scenario cascade-night-shift --as sre,dev --record night.jsonl
  chaosops play --scenario rogue_deploy_bot --as oversight --policy oracle --delay 800
  chaosops play --scenario cascade --scoring drill --as dev --policy sre=actions:night.json --teammates heuristic
  chaosops play --scenario db_deadlock --as dev --policy 'sre=cmd:python3 examples/agent.py' --teammates teammate
`;

export const PLAY_FLAGS = ['scenario', 'difficulty', 'seed', 'as', 'policy', 'teammates', 'scoring', 'delay', 'record', ...AGENT_FLAGS] as const;
export type PlayFlags = Partial<Record<(typeof PLAY_FLAGS)[number], string>>;

/** What the flags decide before the app opens. */
export type PlaySetup = {
	/** The scenario; a notice about it (a file that shadows a built-in incident) has been said. */
	readonly resolved: Omit<ResolvedScenario, 'notice'>;
	readonly humans: readonly Role[];
	readonly policies: PolicyMap;
	readonly delayMs: number;
};

/**
 * What the flags ask for. Their values, and any file they name, are read by play-flags.ts, which checks them with zod:
 * loading it costs the first frame ~15 ms. Without flags there is nothing to check but the starter, which the build
 * checked (io/built-ins.ts), so play-flags.ts is not loaded; test/cli-play-setup.test.ts holds both ways to agreeing.
 */
export async function playSetup(flags: PlayFlags): Promise<PlaySetup> {
	const starter = Object.keys(flags).length === 0 ? checkedScenario(PLAY_DEFAULT_SCENARIO) : null;
	const policies = starter?.preset.policies;
	if (starter !== null && policies !== undefined) {
		const {scenario, preset, file} = starter;
		return {resolved: {scenario, preset, file}, humans: [PLAY_DEFAULT_SEAT], policies, delayMs: DEFAULT_DELAY_MS};
	}
	return (await import('./play-flags.js')).readPlayFlags(flags);
}

export async function main(argv: string[]): Promise<number> {
	const flags = await readCommandLine('play', help, argv, PLAY_FLAGS);
	if (flags === null) return 0;
	const {
		resolved: {scenario: first, preset, file},
		humans,
		policies,
		delayMs,
	} = await playSetup(flags);
	// A program's stderr is kept for its notices: the app holds the terminal.
	const agents = await agentSeatsFrom(flags, Object.values(policies), {stderr: false});
	if (flags.record !== undefined) refuseOverwriting(flags.record, file, '--record');
	requireTerminal('play', 'for an episode without a terminal use `chaosops run --scenario S`');
	const recording = flags.record === undefined ? null : new RecordingWriter(flags.record);
	const begin = (writer: RecordingWriter, scenario: Scenario, reset: Observation): EpisodeJournal =>
		writer.begin({version: CHAOSOPS_VERSION, scenario, preset: preset.name, seats: seatHolders(policies, humans), policies, policy_seed: scenario.seed, reset});
	// The first episode's header is written before the app opens, so that a recording that cannot be written (a full
	// disk, a missing folder) is one line on a plain terminal, not an error drawn inside the app. Its reset is the
	// one the app's first episode will make: the environment is deterministic.
	let opened = recording === null ? null : begin(recording, first, new Episode(first, {}).observation);

	const [{launch}, {PlaySession}] = await Promise.all([loadApp(), import('../ui/session.js')]);
	// The seats last built: a new episode (an undo, another seed) builds new ones, and the agents' programs of the
	// old ones are stopped.
	let seats: Seats = {};
	const releaseSeats = () => {
		for (const role of ROLES) seats[role]?.release?.();
	};
	const start = (seed: number) => {
		const scenario = {...first, seed};
		return new PlaySession({
			scenario,
			scripts: () => {
				releaseSeats();
				seats = buildSeats(policies, scenario, scenario.seed, agents);
				return seats;
			},
			humans,
			delayMs,
			openJournal:
				recording === null
					? undefined
					: reset => {
							const journal = opened ?? begin(recording, scenario, reset);
							opened = null;
							return journal;
						},
		});
	};
	try {
		return await launch({start, seed: first.seed, title: preset.title ?? 'Incident drill', briefing: preset.briefing ?? null});
	} finally {
		releaseSeats();
		recording?.close();
	}
}
