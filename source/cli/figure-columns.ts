// The columns of the tables that add episodes up (eval's, scenario check's), each defined once.
import type {Figures} from '../agents/evaluation.js';
import type {PolicyName} from '../agents/policies.js';
import type {Column} from './table.js';

export const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

export const POLICY_COLUMN: Column<{readonly policy: PolicyName}> = {heading: 'policy', align: 'left', cell: row => row.policy};

/** A dash for mean MTTR means no episode resolved. */
export const FIGURE_COLUMNS = {
	episodes: {heading: 'episodes', align: 'right', cell: row => String(row.episodes)},
	meanReward: {heading: 'mean reward', align: 'right', cell: row => row.mean_reward.toFixed(1)},
	medianReward: {heading: 'median reward', align: 'right', cell: row => row.median_reward.toFixed(1)},
	resolved: {heading: 'resolved', align: 'right', cell: row => percent(row.resolution_rate)},
	meanMttr: {heading: 'mean MTTR', align: 'right', cell: row => (row.mean_mttr === null ? '-' : row.mean_mttr.toFixed(1))},
} as const satisfies Record<string, Column<Figures>>;
