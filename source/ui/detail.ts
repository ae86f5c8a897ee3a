// The detail view's text: everything the viewing role can see in words, whole and wrapped (its feed, kind by kind,
// then the team's turn log with what each step's reward was made of, and each model's or program's replies), so
// that nothing the play screen cuts is lost.
import type {AgentTurn} from '../agents/policy.js';
import type {Entry} from './components/Feed.js';
import {plural, roleName} from './format.js';
import {FEED, ROLE_SCREENS, stepEntries, turnLogOpening} from './role-view.js';
import type {SeatScreen} from './seat-screen.js';
import {type SheetLine, hanging, line} from './sheet.js';
import {wrapParagraphs} from './text-fit.js';

/** Wrapped lines of an entry line up under its text. */
const INDENT = 2;
/** A step's replies come under it, each labelled, its text further in. */
const REPLY_LABEL_INDENT = 4;
const REPLY_INDENT = 6;
/** The lines of one reply shown at most: a model may ramble, and the recording keeps the reply whole. */
export const REPLY_MAX_LINES = 30;

const entryLines = ({text, color, bold}: Entry, width: number): SheetLine[] => hanging({text: ' '.repeat(INDENT)}, text, width, INDENT, {color, bold});

const section = (title: string, lines: readonly SheetLine[], width: number): SheetLine[] => [
	line(title, width, {bold: true, color: 'cyan'}),
	...(lines.length === 0 ? [line(`${' '.repeat(INDENT)}—`, width, {dim: true})] : lines),
];

const entriesSection = (title: string, entries: readonly Entry[], width: number): SheetLine[] =>
	section(title, entries.flatMap(entry => entryLines(entry, width)), width);

/** One reply as it came, its line breaks kept and its control characters made visible, wrapped and cut to REPLY_MAX_LINES. */
function replyText(reply: string, width: number): SheetLine[] {
	const wrapped = reply === '' ? ['(empty)'] : wrapParagraphs(reply, Math.max(1, width - REPLY_INDENT));
	const shown = wrapped.length <= REPLY_MAX_LINES ? wrapped : [...wrapped.slice(0, REPLY_MAX_LINES - 1), `... ${plural(wrapped.length - REPLY_MAX_LINES + 1, 'more line')}`];
	return shown.map(text => [{text: ' '.repeat(REPLY_INDENT)}, {text}]);
}

/** Under a step a model or a program decided: each of its raw replies, labelled with who gave it. */
function replyLines({source, replies}: AgentTurn, width: number): SheetLine[] {
	const label = (text: string) => line(`${' '.repeat(REPLY_LABEL_INDENT)}${text}`, width, {dim: true});
	if (replies.length === 0) return [label(`${source} gave no reply`)];
	return replies.flatMap((reply, index) => [label(`${source}, reply ${index + 1} of ${replies.length}:`), ...replyText(reply, width)]);
}

/** The turn log in full: the opening, then each step with what each reward was made of, its notice and its replies. */
const turnLogLines = (screen: SeatScreen, briefing: string | null, width: number): SheetLine[] => [
	...turnLogOpening(screen, briefing).flatMap(entry => entryLines(entry, width)),
	...screen.steps.flatMap(step => [
		...stepEntries(step, true).flatMap(entry => entryLines(entry, width)),
		...(step.agent === null ? [] : replyLines(step.agent, width)),
	]),
];

/** A titled list of texts for the detail view's end, such as a drill's hints from the facilitator. */
export type DetailSection = {readonly title: string; readonly texts: readonly string[]};

/**
 * The viewer's whole view as lines of `width` columns: only what that role sees, the turn log everyone sees, then
 * the `more` sections.
 */
export function detailLines(screen: SeatScreen, briefing: string | null, width: number, more: readonly DetailSection[] = []): SheetLine[] {
	const {viewer, view} = screen;
	const feed =
		view === null
			? [line(`${roleName(viewer)}'s view appears at ${roleName(viewer)}'s first turn.`, width, {dim: true})]
			: ROLE_SCREENS[viewer].feed.flatMap(kind => {
					const entries = FEED[kind].entries(view);
					return entriesSection(`${FEED[kind].label.toUpperCase()} (${entries.length})`, entries, width);
				});
	return [
		...feed,
		...section(`TURN LOG (${plural(screen.steps.length, 'step')})`, turnLogLines(screen, briefing, width), width),
		...more.flatMap(({title, texts}) => entriesSection(`${title} (${texts.length})`, texts.map(text => ({text})), width)),
	];
}
