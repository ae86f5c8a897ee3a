// `chaosops run`: one episode with scripted policies, as a transcript or as JSON.
import {POLICY_NAMES} from '../agents/policies.js';
import {type EpisodeRun, buildSeats, episodeKeepingSteps} from '../agents/runner.js';
import {ROLES} from '../env/vocabulary.js';
import type {Scenario} from '../env/types.js';
import {InputError} from '../io/errors.js';
import {refuseOverwriting} from '../io/output-file.js';
import {RecordingWriter, journalFollowing, seatHolders} from '../io/recording.js';
import {stepJson} from '../io/step-json.js';
import {presetNames, resolveScenario} from '../io/scenarios.js';
import {scenarioFields} from '../env/scenario.js';
import {terminalJson} from '../io/terminal-text.js';
import {formatTranscript} from '../io/transcript.js';
import {CHAOSOPS_VERSION} from '../io/version.js';
import {AGENT_FLAGS, AGENT_FLAGS_HELP, agentSeatsFrom} from './agent-flags.js';
import {readCommandLine} from './command-line.js';
import {
	DEFAULT_POLICY,
	ifGiven,
	parseChoiceOption,
	parseDifficultyOption,
	parseMaxStepsOption,
	parseMisleadingLogsOption,
	parseScoringOption,
	parseSeedOption,
	seatPolicies,
} from './options.js';

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];

const help = () => `
Usage: chaosops run --scenario S [options]

Plays one episode with scripted policies (or agents: a language model, a program) and prints it.

Options
  --scenario S            a preset, a built-in incident, or a scenario or incident file path (required)
  --difficulty D          easy, medium or hard (default: the scenario's)
  --seed N                the scenario seed (default: the scenario's)
  --max-steps N           steps before the episode ends unresolved (default: the scenario's, else 20)
  --misleading-logs B     true or false: red-herring logs injected or not (default: the scenario's, else on for hard)
  --policy NAME           a policy (${POLICY_NAMES.join(', ')}) in every seat
  --policy role=NAME,...  per role (sre, dev, manager, oversight); roles not named play noop, or --teammates.
                          NAME may be actions:FILE, a fixed line of actions (docs/actions-files.md), or an
                          agent: llm or cmd:PROGRAM (below).
                          Default: the scenario file's policies, else ${DEFAULT_POLICY} in every seat
  --teammates NAME        the policy in every seat --policy does not name (a policy, llm or cmd:PROGRAM)
  --policy-seed N         seeds the random and heuristic policies (default: the scenario seed)
  --scoring S             reference or drill (default: the scenario's, else reference)
  --format text|json      the transcript (default), or one JSON document with every step
  --record FILE           also write the episode to FILE as a recording, step by step, as play --record does
                          (see chaosops replay; the format: docs/recordings.md)

${AGENT_FLAGS_HELP}

Presets        ${presetNames().join(', ')}

Examples
  chaosops run --scenario starter
  chaosops run --scenario cascade --difficulty hard --seed 7 --policy oracle
  chaosops run --scenario rogue_deploy_bot --policy oversight=heuristic,dev=oracle --format json | jq .result
  chaosops run --scenario starter --policy sre=actions:my-line.json --teammates oracle
  chaosops run --scenario db_deadlock --policy sre=llm --teammates heuristic --llm-model gpt-4o-mini
  chaosops run --scenario db_deadlock --policy 'sre=cmd:python3 examples/agent.py' --teammates heuristic
`;

const FLAGS = ['scenario', 'difficulty', 'seed', 'maxSteps', 'misleadingLogs', 'policy', 'teammates', 'policySeed', 'scoring', 'format', 'record', ...AGENT_FLAGS] as const;

const asJson = (scenario: Scenario, {steps, result}: EpisodeRun): string =>
	terminalJson({
		scenario: scenarioFields(scenario),
		steps: steps.map(stepJson),
		result,
	});

const RENDER: Record<Format, (scenario: Scenario, run: EpisodeRun) => string> = {
	text: (scenario, run) => formatTranscript({scenario, ...run}),
	json: (scenario, run) => `${asJson(scenario, run)}\n`,
};

export async function main(argv: string[]): Promise<number> {
	const flags = await readCommandLine('run', help, argv, FLAGS);
	if (flags === null) return 0;
	if (flags.scenario === undefined) {
		throw new InputError('--scenario is required: a preset, a built-in incident, or a scenario or incident file path (see chaosops run --help)');
	}
	const format = parseChoiceOption('format', flags.format ?? 'text', FORMATS);
	const {scenario, preset, file, notice} = resolveScenario(flags.scenario, {
		difficulty: ifGiven(flags.difficulty, parseDifficultyOption),
		seed: ifGiven(flags.seed, value => parseSeedOption('seed', value)),
		maxSteps: ifGiven(flags.maxSteps, parseMaxStepsOption),
		injectMisleadingLogs: ifGiven(flags.misleadingLogs, parseMisleadingLogsOption),
		scoring: ifGiven(flags.scoring, parseScoringOption),
	});
	if (notice !== null) process.stderr.write(`chaosops: ${notice}\n`);
	const policySeed = ifGiven(flags.policySeed, value => parseSeedOption('policy-seed', value)) ?? scenario.seed;
	const policies = seatPolicies(flags, preset);
	const agents = await agentSeatsFrom(flags, Object.values(policies), {stderr: true});
	if (flags.record !== undefined) refuseOverwriting(flags.record, file, '--record');

	const seats = buildSeats(policies, scenario, policySeed, agents);
	const {episode, steps} = episodeKeepingSteps(scenario, seats);
	const recording = flags.record === undefined ? null : new RecordingWriter(flags.record);
	try {
		if (recording !== null) {
			const seats = seatHolders(policies);
			const journal = recording.begin({version: CHAOSOPS_VERSION, scenario, preset: preset.name, seats, policies, policy_seed: policySeed, reset: episode.observation});
			journalFollowing(journal, episode);
		}
		const result = await episode.play();
		process.stdout.write(RENDER[format](scenario, {steps, result}));
	} finally {
		// An agent's program is stopped with its episode.
		for (const role of ROLES) seats[role]?.release?.();
		recording?.close();
	}
	return 0;
}
