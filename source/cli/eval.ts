// `chaosops eval`: the baseline table, policies by tier. Episodes stream through: memory stays flat however many
// run, and with --json each episode's row goes to the file as it finishes.
import {TIERS, TIER_SPECS, seedSpan} from '../agents/curriculum.js';
import {type Aggregate, type EpisodeRow, countEpisodes, evaluation} from '../agents/evaluation.js';
import {POLICY_NAMES, type PolicyName} from '../agents/policies.js';
import {InputError} from '../io/errors.js';
import {StagedFile} from '../io/output-file.js';
import {onStopSignal, signalStatus, type StopSignal} from '../io/signals.js';
import {terminalJson, visibleLine} from '../io/terminal-text.js';
import {DIFFICULTIES, type Difficulty} from '../env/vocabulary.js';
import {builtInIncident} from '../io/incidents.js';
import {readCommandLine} from './command-line.js';
import {ifGiven, parseCountOption, parseListOption, parseSeedOption} from './options.js';
import {type Column, formatTable} from './table.js';

const DEFAULT_POLICIES: readonly PolicyName[] = ['random', 'heuristic', 'oracle'];
const DEFAULT_EPISODES_PER_TYPE = 3;

const HELP = `
Usage: chaosops eval [options]

Plays every policy on every scenario of each tier and prints the baseline table: mean and median reward,
resolution rate, mean time to resolve (steps) and the rate at which rogue fleet agents are caught.

Options
  --policies LIST          policies, comma-separated, from ${POLICY_NAMES.join(', ')} (default: ${DEFAULT_POLICIES.join(',')})
  --tiers LIST             tiers, comma-separated, from ${TIERS.join(', ')} (default: all)
  --episodes-per-type N    episodes for each failure type of a tier (default: ${DEFAULT_EPISODES_PER_TYPE})
  --seed-offset K          the tier's seeds are K + 97·i + 31·rep (default: 0)
  --json FILE              also write {"per_episode":[…],"aggregates":[…]} to FILE; FILE is replaced only
                           once the document is complete (Ctrl+C or a failure leaves it as it was)

Examples
  chaosops eval
  chaosops eval --policies heuristic --tiers hard --episodes-per-type 50 --json hard.json

A dash means none: no episode resolved (mean MTTR), or no rogue agent in the tier (rogue caught).
`;

const FLAGS = ['policies', 'tiers', 'episodesPerType', 'seedOffset', 'json'] as const;

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const hasRogues = (tier: Difficulty) => TIER_SPECS[tier].pool.some(name => builtInIncident(name).rogueAgent !== null);

const COLUMNS: readonly Column<Aggregate>[] = [
	{heading: 'policy', align: 'left', cell: row => row.policy},
	{heading: 'tier', align: 'left', cell: row => row.tier},
	{heading: 'episodes', align: 'right', cell: row => String(row.episodes)},
	{heading: 'mean reward', align: 'right', cell: row => row.mean_reward.toFixed(1)},
	{heading: 'median reward', align: 'right', cell: row => row.median_reward.toFixed(1)},
	{heading: 'resolved', align: 'right', cell: row => percent(row.resolution_rate)},
	{heading: 'mean MTTR', align: 'right', cell: row => (row.mean_mttr === null ? '-' : row.mean_mttr.toFixed(1))},
	{heading: 'rogue caught', align: 'right', cell: row => (hasRogues(row.tier) ? percent(row.rogue_catch_rate) : '-')},
];

/**
 * Writes the JSON document as the rows come, in large synchronous writes (evaluation yields to the event loop only
 * now and then), to a file that takes the target's place once the document is complete.
 */
class JsonReport {
	private readonly file: StagedFile;
	private buffer = '{"per_episode":[';
	private first = true;

	constructor(target: string) {
		this.file = new StagedFile(target, `--json ${target}`);
	}

	add(row: EpisodeRow): void {
		this.buffer += (this.first ? '' : ',') + terminalJson(row);
		this.first = false;
		if (this.buffer.length > 1 << 16) this.flush();
	}

	finish(aggregates: readonly Aggregate[]): void {
		this.buffer += `],"aggregates":${terminalJson(aggregates)}}\n`;
		this.flush();
		this.file.commit();
	}

	discard(): void {
		this.file.discard();
	}

	private flush(): void {
		this.file.write(this.buffer);
		this.buffer = '';
	}
}

/** How long evaluation runs between looks at the event loop, where a Ctrl+C is noticed. */
const SLICE_MS = 50;
const nextTurnOfEvents = () => new Promise<void>(resolve => setImmediate(resolve));

/** A bar on stderr, redrawn about every half percent. */
function progressBar(total: number): {tick: () => void; clear: () => void} {
	const width = 30;
	const every = Math.max(1, Math.floor(total / 200));
	let done = 0;
	const draw = () => {
		const filled = Math.round((done / total) * width);
		process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} episodes`);
	};
	return {
		tick() {
			done++;
			if (done % every === 0 || done === total) draw();
		},
		clear: () => process.stderr.write('\r\u001b[2K'),
	};
}

export async function main(argv: string[]): Promise<number> {
	const flags = await readCommandLine('eval', HELP, argv, FLAGS);
	if (flags === null) return 0;
	const policies = ifGiven(flags.policies, value => parseListOption('policies', value, POLICY_NAMES)) ?? DEFAULT_POLICIES;
	const tiers = ifGiven(flags.tiers, value => parseListOption('tiers', value, DIFFICULTIES)) ?? TIERS;
	const episodesPerType = ifGiven(flags.episodesPerType, value => parseCountOption('episodes-per-type', value)) ?? DEFAULT_EPISODES_PER_TYPE;
	const seedOffset = ifGiven(flags.seedOffset, value => parseSeedOption('seed-offset', value)) ?? 0;
	// Every seed must be one the RNG takes (|seed| < 2^53), the largest being the offset plus the span.
	const span = seedSpan(tiers, episodesPerType);
	if (seedOffset > Number.MAX_SAFE_INTEGER - span) {
		throw new InputError(
			`--seed-offset ${seedOffset} is too large: these tiers' seeds go up to ${span} above it, and a seed must be below 2^53; expected at most ${Number.MAX_SAFE_INTEGER - span}`,
		);
	}
	const options = {load: builtInIncident, policies, tiers, episodesPerType, seedOffset};

	const report = ifGiven(flags.json, file => new JsonReport(file));
	const progress = process.stderr.isTTY ? progressBar(countEpisodes(options)) : undefined;
	let stoppedBy: StopSignal | null = null;
	const stopListening = onStopSignal(signal => (stoppedBy = signal));
	try {
		const run = evaluation(options);
		let sliceStart = performance.now();
		for (let next = run.next(); ; next = run.next()) {
			if (next.done === true) {
				progress?.clear();
				report?.finish(next.value);
				process.stdout.write(formatTable(COLUMNS, next.value));
				return 0;
			}
			report?.add(next.value);
			progress?.tick();
			if (performance.now() - sliceStart < SLICE_MS) continue;
			await nextTurnOfEvents();
			if (stoppedBy !== null) {
				progress?.clear();
				report?.discard();
				const kept = flags.json === undefined ? '' : `; ${visibleLine(flags.json)} was left as it was`;
				process.stderr.write(`chaosops: evaluation stopped by ${stoppedBy}${kept}\n`);
				return signalStatus(stoppedBy);
			}
			sliceStart = performance.now();
		}
	} catch (error) {
		report?.discard();
		throw error;
	} finally {
		stopListening();
	}
}
