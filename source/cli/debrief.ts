// `chaosops debrief FILE`: what happened in a recorded episode and why, for the team after it: an annotated
// timeline, the key moments, where the team left the oracle's plan, the totals, and the scripted teams' scores.
import {debriefOf} from '../io/debrief.js';
import {DEBRIEF_FORMATS, DEBRIEF_WRITERS} from '../io/debrief-formats.js';
import {InputError} from '../io/errors.js';
import {StagedFile} from '../io/output-file.js';
import {readRecordingFile} from '../io/recording.js';
import {visibleLine} from '../io/terminal-text.js';
import {readCommandArguments} from './command-line.js';
import {ifGiven, parseChoiceOption, parseCountOption} from './options.js';
import {pickEpisode} from './recording-argument.js';

const HELP = `
Usage: chaosops debrief FILE [options]

A debrief of a recorded episode (\`chaosops play --record\`, \`run --record\` or \`host --record\`, drills included),
replayed through today's environment: every step with who decided it, its action and reward, and its verdicts
(fix, helped, wrong_fix, cascade, red_herring, rogue_caught, false_flag, root_cause_correct, root_cause_wrong,
miscommunication) with the incident's note on it; the first correct diagnosis, the first beneficial action and the
resolution; where the team first left the oracle's plan and what the oracle would have done; the reward by component
and by stream, the help used; and what the oracle and heuristic teams score on the same scenario and seed.
Every field: docs/debrief.md.

Options
  --format F      text (default), md (for a postmortem), html (one self-contained page, with charts) or json
  --out F         write it to F instead of stdout (put in place only once complete)
  --episode N     which episode of the file, from 1 (default: the last one)

Exits with 1 when today's environment no longer agrees with the recording (the debrief says where, and
chaosops replay tells more), 2 when FILE is no recording.

Examples
  chaosops debrief night.jsonl
  chaosops debrief night.jsonl --format md --out postmortem.md
  chaosops debrief drill.jsonl --format html --out drill.html
`;

export async function main(argv: string[]): Promise<number> {
	const line = await readCommandArguments('debrief', HELP, argv, {flags: ['format', 'out', 'episode'], operands: true});
	if (line === null) return 0;
	const [file, ...extra] = line.operands;
	if (file === undefined || file === '') throw new InputError('debrief needs a recording FILE (written by chaosops play --record FILE); see chaosops debrief --help');
	if (extra.length > 0) throw new InputError(`debrief reads one recording; also given '${visibleLine(extra[0]!)}' (see chaosops debrief --help)`);
	const format = parseChoiceOption('format', line.flags.format ?? 'text', DEBRIEF_FORMATS);
	const {episodes, tornLine} = readRecordingFile(file);
	const recording = pickEpisode(episodes, file, ifGiven(line.flags.episode, value => parseCountOption('episode', value)));
	if (tornLine !== null) {
		process.stderr.write(`chaosops: warning: ${visibleLine(file)}:${tornLine} was cut off mid-write (a crash or a full disk?) and is skipped\n`);
	}
	const debrief = debriefOf(recording);
	const text = await DEBRIEF_WRITERS[format](debrief);
	const {out} = line.flags;
	if (out === undefined) process.stdout.write(text);
	else {
		const target = new StagedFile(out, `--out ${out}`);
		try {
			target.write(text);
			target.commit();
		} catch (error) {
			target.discard();
			throw error;
		}
	}
	if (debrief.disagreement === null) return 0;
	process.stderr.write(`chaosops: the environment no longer agrees with the recording: ${visibleLine(debrief.disagreement)}\n`);
	return 1;
}
