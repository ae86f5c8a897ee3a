// `chaosops play`'s flags read and checked: the scenario, the seats and the pace (play.ts plays the starter without them).
import {ROLES} from '../env/vocabulary.js';
import {resolveScenario} from '../io/scenarios.js';
import {PLAY_DEFAULT_SCENARIO, PLAY_DEFAULT_SEAT} from './option-defaults.js';
import {
	DEFAULT_DELAY_MS,
	PLAY_DEFAULT_POLICY,
	ifGiven,
	parseDelayOption,
	parseDifficultyOption,
	parseListOption,
	parseScoringOption,
	parseSeedOption,
	seatPolicies,
} from './options.js';
import type {PlayFlags, PlaySetup} from './play.js';

export function readPlayFlags(flags: PlayFlags): PlaySetup {
	const {notice, ...resolved} = resolveScenario(flags.scenario ?? PLAY_DEFAULT_SCENARIO, {
		difficulty: ifGiven(flags.difficulty, parseDifficultyOption),
		seed: ifGiven(flags.seed, value => parseSeedOption('seed', value)),
		scoring: ifGiven(flags.scoring, parseScoringOption),
	});
	// Said before the other flags are checked, as a refusal of one of them comes after it.
	if (notice !== null) process.stderr.write(`chaosops: ${notice}\n`);
	return {
		resolved,
		humans: parseListOption('as', flags.as ?? PLAY_DEFAULT_SEAT, ROLES, true),
		policies: seatPolicies(flags, resolved.preset, PLAY_DEFAULT_POLICY),
		delayMs: ifGiven(flags.delay, parseDelayOption) ?? DEFAULT_DELAY_MS,
	};
}
