// What the commands take when a flag is not given. Apart from options.ts, which checks the values given with zod, so
// that `chaosops play` without flags can start without loading it.
import type {PolicyName} from '../agents/policies.js';
import type {Role} from '../env/vocabulary.js';

/** The policy in every seat when neither `--policy` nor the scenario file names one (`run`, the reference's default). */
export const DEFAULT_POLICY: PolicyName = 'heuristic';
/** `play`'s: every seat a person does not hold is a teammate, who follows what the person says. */
export const PLAY_DEFAULT_POLICY: PolicyName = 'teammate';

/** The pause before each scripted turn in the app, unless `--delay` says otherwise. */
export const DEFAULT_DELAY_MS = 350;

/** What `play` plays without `--scenario`, and the seat a person takes without `--as`. */
export const PLAY_DEFAULT_SCENARIO = 'starter';
export const PLAY_DEFAULT_SEAT: Role = 'sre';
