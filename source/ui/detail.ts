// The detail view's text: everything the viewing role can see in words, whole and wrapped (its feed, kind by kind,
// then the team's turn log with what each step's reward was made of), so that nothing the play screen cuts is lost.
import type {Entry} from './components/Feed.js';
import {roleName} from './format.js';
import {FEED, ROLE_SCREENS, turnLog} from './role-view.js';
import type {SeatScreen} from './seat-screen.js';
import {type SheetLine, hanging, line} from './sheet.js';

/** Wrapped lines of an entry line up under its text. */
const INDENT = 2;

const entryLines = ({text, color, bold}: Entry, width: number): SheetLine[] => hanging({text: ' '.repeat(INDENT)}, text, width, INDENT, {color, bold});

const section = (title: string, entries: readonly Entry[], width: number): SheetLine[] => [
	line(title, width, {bold: true, color: 'cyan'}),
	...(entries.length === 0 ? [line(`${' '.repeat(INDENT)}—`, width, {dim: true})] : entries.flatMap(entry => entryLines(entry, width))),
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
					return section(`${FEED[kind].label.toUpperCase()} (${entries.length})`, entries, width);
				});
	const steps = screen.steps.length;
	return [
		...feed,
		...section(`TURN LOG (${steps} step${steps === 1 ? '' : 's'})`, turnLog(screen, briefing, true), width),
		...more.flatMap(({title, texts}) => section(`${title} (${texts.length})`, texts.map(text => ({text})), width)),
	];
}
