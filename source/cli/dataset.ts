// `chaosops dataset`: training data from the tiers' episodes played by scripted policies, a JSON line per turn,
// written to the file as each turn is played (the formats: docs/dataset.md).
import {TIERS, seedSpan} from '../agents/curriculum.js';
import {POLICY_NAMES} from '../agents/policies.js';
import {DIFFICULTIES} from '../env/vocabulary.js';
import {DATASET_FORMATS, type DatasetPlan, datasetEpisodeCount, datasetLines} from '../io/dataset.js';
import {InputError} from '../io/errors.js';
import {loadSystemPrompts} from '../io/model/system-prompts.js';
import {StreamedFile} from '../io/streamed-file.js';
import {AGENT_FLAGS, AGENT_FLAGS_HELP, agentSeatsFrom} from './agent-flags.js';
import {readCommandLine} from './command-line.js';
import {playEpisodes, stoppedStatus} from './evaluation-run.js';
import {ifGiven, parseChoiceOption, parseCountOption, parseListOption, parseSeedOffsetOption, seatPolicies} from './options.js';

const DEFAULT_POLICY = 'oracle';
const DEFAULT_FORMAT = 'grpo';
const DEFAULT_EPISODES_PER_TYPE = 3;

const HELP = `
Usage: chaosops dataset --out FILE [options]

Plays every scenario of each tier with scripted policies (or agents: a language model, a program) and writes training data to FILE, one JSON line per
turn, as each turn is played. FILE is replaced only once it is complete (Ctrl+C or a failure leaves it as it was).

Formats (each line's fields: docs/dataset.md)
  grpo         the reference's GRPO rows: {"prompt", "scenario_json", "action_history_json", "role", "turn_idx"},
               as its build_training_dataset makes them and Python's json.dumps writes them
  sft          {"prompt", "completion"}: the completion is the action the policy took, as the canonical
               training target (its JSON with sorted keys)
  trajectory   the runner's steps, as run --format json writes them (observation, action, reward, breakdown, …),
               each with its episode's number and scenario

Options
  --out FILE              where the lines go (required)
  --format F              ${DATASET_FORMATS.join(', ')} (default: ${DEFAULT_FORMAT})
  --policy NAME           a policy (${POLICY_NAMES.join(', ')}) in every seat (default: ${DEFAULT_POLICY})
  --policy role=NAME,...  per role (sre, dev, manager, oversight); roles not named play noop, or --teammates.
                          NAME may be actions:FILE, a fixed line of actions (docs/actions-files.md), or an
                          agent: llm or cmd:PROGRAM (below)
  --teammates NAME        the policy in every seat --policy does not name (a policy, llm or cmd:PROGRAM)
  --tiers LIST            tiers, comma-separated, from ${TIERS.join(', ')} (default: all)
  --episodes-per-type N   episodes for each failure type of a tier (default: ${DEFAULT_EPISODES_PER_TYPE})
  --seed-offset K         the tier's seeds are K + 97·i + 31·rep, as eval's (default: 0)
  --system-prompts DIR    the roles' system prompts from DIR (sre.md, dev.md, manager.md, oversight.md), such
                          as the prompts a model was trained with (default: the project's, in prompts/);
                          agents are given the same

${AGENT_FLAGS_HELP}

Examples
  chaosops dataset --out grpo.jsonl
  chaosops dataset --tiers easy,hard --episodes-per-type 2 --system-prompts ./their-prompts --out rows.jsonl
  chaosops dataset --format sft --policy heuristic --episodes-per-type 50 --out sft.jsonl
  chaosops dataset --format trajectory --policy sre=heuristic --teammates oracle --out steps.jsonl
`;

const FLAGS = ['out', 'format', 'policy', 'teammates', 'tiers', 'episodesPerType', 'seedOffset', ...AGENT_FLAGS] as const;

export async function main(argv: string[]): Promise<number> {
	const flags = await readCommandLine('dataset', HELP, argv, FLAGS);
	if (flags === null) return 0;
	const {out} = flags;
	if (out === undefined) throw new InputError('--out FILE is required: where the JSON lines go (see chaosops dataset --help)');
	const tiers = ifGiven(flags.tiers, value => parseListOption('tiers', value, DIFFICULTIES)) ?? TIERS;
	const episodesPerType = ifGiven(flags.episodesPerType, value => parseCountOption('episodes-per-type', value)) ?? DEFAULT_EPISODES_PER_TYPE;
	const policies = seatPolicies(flags, null, DEFAULT_POLICY);
	const plan: DatasetPlan = {
		tiers,
		episodesPerType,
		seedOffset: parseSeedOffsetOption(flags.seedOffset, seedSpan(tiers, episodesPerType), "these tiers' seeds"),
		policies,
		agents: await agentSeatsFrom(flags, Object.values(policies), {stderr: true}),
		format: parseChoiceOption('format', flags.format ?? DEFAULT_FORMAT, DATASET_FORMATS),
		systemPrompts: loadSystemPrompts(flags.systemPrompts),
	};
	const file = new StreamedFile(out, `--out ${out}`);
	try {
		const outcome = await playEpisodes(datasetLines(plan, text => file.text(text)), datasetEpisodeCount(plan));
		if ('stoppedBy' in outcome) {
			file.discard();
			return stoppedStatus(outcome.stoppedBy, [out], 'dataset');
		}
		file.commit();
		return 0;
	} catch (error) {
		file.discard();
		throw error;
	}
}
