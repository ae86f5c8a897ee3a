// `chaosops replay FILE`: a recording played back in the app (read-only), or printed as a transcript or JSON.
// Either way the recorded actions are re-simulated, and any place where the environment no longer agrees is named.
import {InputError} from '../io/errors.js';
import {type RecordedEpisode, type Resimulation, drillDecider, readRecordingFile, recordedScenario, resimulate} from '../io/recording.js';
import {stepJson} from '../io/step-json.js';
import {terminalJson, visibleLine} from '../io/terminal-text.js';
import {formatTranscript} from '../io/transcript.js';
import {loadApp} from '../ui/load-app.js';
import {readCommandLine} from './command-line.js';
import {fail} from './errors.js';
import {DEFAULT_DELAY_MS, ifGiven, parseChoiceOption, parseCountOption, parseDelayOption} from './options.js';
import {pickEpisode} from './recording-argument.js';
import {requireTerminal} from './terminal.js';

const FORMATS = ['app', 'text', 'json'] as const;
type Format = (typeof FORMATS)[number];

const help = () => `
Usage: chaosops replay FILE [options]

Plays back a recording written by \`chaosops play --record FILE\`, \`chaosops run --record FILE\` or
\`chaosops host --record FILE\`, re-simulating every step and checking everything the recording holds against it: the first observation,
each step's action, reward, breakdown, both observations (before acting and after), done and running figures,
and for each step a scripted policy decided, that it decides the same again. A last line cut off mid-write (a crash, a full disk) is skipped with a
warning. A drill's recording shows each step's player (a countdown that ran out marked), the players joining and
dropping, and the facilitator's pauses, notes and hints, where they happened. The format: docs/recordings.md.

Options
  --format app|text|json  the app, read-only (default); the transcript; or one JSON document
  --episode N             which episode of the file, from 1 (default: the last one)
  --delay MS              pause between turns in the app, in ms (default: ${DEFAULT_DELAY_MS})

Exits with 1 when today's environment disagrees with any episode in the file, and says where in one line
(after the app closes, when it plays in the app).

Examples
  chaosops replay night.jsonl
  chaosops replay night.jsonl --format text | less
`;

const FLAGS = ['format', 'episode', 'delay'] as const;

/**
 * The first place where today's environment disagrees with any episode of the file, as `episode 2: turn 3: …` when
 * the file holds more than one, or null: the episode shown is not the only one replay vouches for.
 */
function firstDisagreement(replayed: readonly Resimulation[]): string | null {
	for (const [index, {disagreement}] of replayed.entries()) {
		if (disagreement !== null) return replayed.length === 1 ? disagreement : `episode ${index + 1}: ${disagreement}`;
	}
	return null;
}

/** Exit status 1 and the disagreement in one line, or 0 when there is none. */
const verdict = (disagreement: string | null): number =>
	disagreement === null ? 0 : fail(`the environment no longer agrees with the recording: ${disagreement}`, 1);

/** Prints the re-simulated episode; a drill's with each step's player and the events between steps. */
function print(recording: RecordedEpisode, replayed: Resimulation, format: Exclude<Format, 'app'>, tornTail: boolean): void {
	const {episode, steps, disagreement, complete} = replayed;
	const result = episode.result();
	const {drill} = recording;
	const deciders = recording.steps.map(drillDecider);
	const text =
		format === 'text'
			? formatTranscript({scenario: recording.header.scenario, steps, result, drill: drill && {...drill, deciders}})
			: `${terminalJson({
					header: {...recording.header, scenario: recordedScenario(recording.header.scenario)},
					steps: drill === null ? steps.map(stepJson) : steps.map((step, index) => ({...stepJson(step), ...deciders[index]})),
					result,
					complete,
					torn_tail: tornTail,
					revealed_at_turn: recording.revealedAtTurn,
					hints: recording.hints,
					...(drill && {drill_events: drill.events}),
					disagreement,
				})}\n`;
	process.stdout.write(text);
	if (!complete && format === 'text') process.stderr.write(`note: the recording stops before the episode was over\n`);
}

/** The FILE argument and the flags around it (a flag's value follows it unless written --flag=value). */
function splitFile(argv: readonly string[]): {file: string | undefined; flags: string[]} {
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index]!;
		if (!argument.startsWith('-')) return {file: argument, flags: argv.filter((_, other) => other !== index)};
		if (!argument.includes('=') && argument !== '--help' && argument !== '-h') index++;
	}
	return {file: undefined, flags: [...argv]};
}

export async function main(argv: string[]): Promise<number> {
	const {file, flags: rest} = splitFile(argv);
	const flags = await readCommandLine('replay', help, rest, FLAGS);
	if (flags === null) return 0;
	if (file === undefined || file === '') throw new InputError('replay needs a recording FILE (written by chaosops play --record FILE); see chaosops replay --help');
	const format = parseChoiceOption('format', flags.format ?? 'app', FORMATS);
	const {episodes, tornLine} = readRecordingFile(file);
	const recording = pickEpisode(episodes, file, ifGiven(flags.episode, value => parseCountOption('episode', value)));
	if (tornLine !== null) {
		process.stderr.write(
			`chaosops: warning: ${visibleLine(file)}:${tornLine} was cut off mid-write (a crash or a full disk?) and is skipped; the lines before it are replayed\n`,
		);
	}
	const replayed = episodes.map(episode => resimulate(episode));
	const disagreement = firstDisagreement(replayed);
	const shown = replayed[episodes.indexOf(recording)]!;
	if (format !== 'app') {
		print(recording, shown, format, tornLine !== null);
		return verdict(disagreement);
	}

	const delayMs = ifGiven(flags.delay, parseDelayOption) ?? DEFAULT_DELAY_MS;
	requireTerminal('replay', `to print the recording instead use \`chaosops replay ${file} --format text\``);
	const [{launch}, {replaySession}] = await Promise.all([loadApp(), import('../ui/replay-session.js')]);
	const start = () => replaySession(recording, shown, delayMs);
	const status = await launch({start, seed: recording.header.scenario.seed, title: `Replay of ${file}`});
	// The app shows a disagreement on its one status line, cut to the terminal's width: say it whole once it is closed.
	return status === 0 ? verdict(disagreement) : status;
}
