// What the facilitator console's keys and prompts do: the drill's commands, the prompts they open, and what the
// status line says after each. The drill decides; this only asks it and says how it went.
import {TURN_ORDER, type Role} from '../env/vocabulary.js';
import type {Drill, DrillSnapshot} from '../net/drill.js';
import type {ConsoleControlName} from './console-controls.js';
import type {ConsoleStateApi, Said, SeatPurpose} from './console-state.js';
import type {Entry} from './components/Feed.js';
import {hintableSeats, openSeats} from './console-view.js';
import type {MenuItem} from './components/Menu.js';
import {roleName} from './format.js';
import {fit} from './text-fit.js';

/** What the console may tell the drill: the Drill's own methods (a test may hand a fake with the same). */
export type DrillCommands = Pick<Drill, 'start' | 'setPaused' | 'hint' | 'note' | 'handOver' | 'showSpectators' | 'stop'>;

const NAME_WIDTH = 20;
const label = (role: Role, text: string): string => `${roleName(role).padEnd(10)} ${text}`;
const playerOf = (drill: DrillSnapshot, role: Role): string => fit(drill.seats[role].player ?? 'its player', NAME_WIDTH);

/** What handing the seat over would do, as its item in the list says. */
function handOverWords(drill: DrillSnapshot, role: Role): string {
	const {toTeammate, player} = drill.seats[role];
	if (toTeammate) return player === null ? 'back to whoever joins' : `back to ${playerOf(drill, role)}`;
	return player === null ? 'to the teammate, even once someone joins' : `to the teammate (${playerOf(drill, role)} watches)`;
}

/** Each purpose a seat is chosen for: the prompt's title and the seats it offers. */
export const SEAT_PROMPTS: Record<SeatPurpose, {readonly title: string; readonly items: (drill: DrillSnapshot) => Array<MenuItem<Role>>}> = {
	hint: {
		title: 'HINT TO WHICH SEAT?',
		items: drill => hintableSeats(drill).map(role => ({label: label(role, playerOf(drill, role)), value: role})),
	},
	seat: {
		title: 'HAND WHICH SEAT OVER?',
		items: drill => openSeats(drill).map(role => ({label: label(role, handOverWords(drill, role)), value: role})),
	},
	spectators: {
		title: "WHOSE VIEW DO THE SPECTATORS SEE?",
		items: drill => TURN_ORDER.map(role => ({label: label(role, drill.spectatorView === role ? '(shown now)' : ''), value: role})),
	},
};

export type ConsoleActions = {
	readonly run: Readonly<Record<ConsoleControlName, () => void>>;
	readonly choose: (purpose: SeatPurpose, role: Role) => void;
	readonly sendHint: (role: Role, text: string) => void;
	readonly writeNote: (text: string) => void;
	readonly end: () => void;
};

export function consoleActions(drill: DrillSnapshot, commands: DrillCommands, ui: ConsoleStateApi, onLeave: () => void): ConsoleActions {
	const said = (entry: Entry): Said => ({entry, over: drill.ended !== null});
	const handOver = (role: Role) => {
		const toTeammate = !drill.seats[role].toTeammate;
		if (!commands.handOver(role, toTeammate)) return ui.close(said({text: `The ${roleName(role)} seat cannot be handed over now.`, color: 'yellow'}));
		const player = playerOf(drill, role);
		ui.close(said({text: toTeammate ? `${roleName(role)} is the teammate's now; ${player} watches.` : `${roleName(role)} is back with ${player}.`, color: 'cyan'}));
	};
	const showSpectators = (role: Role) => {
		commands.showSpectators(role);
		ui.close(said({text: `The spectators see ${roleName(role)}'s view.`, color: 'cyan'}));
	};
	const chosen: Record<SeatPurpose, (role: Role) => void> = {
		hint: role => ui.open({kind: 'hint', role}),
		seat: handOver,
		spectators: showSpectators,
	};
	return {
		run: {
			pause: () => {
				const pausing = !drill.paused;
				commands.setPaused(pausing);
				ui.say(said(pausing ? {text: 'Paused for everyone: space resumes.', color: 'yellow', bold: true} : {text: 'Resumed.', color: 'yellow'}));
			},
			start: () => {
				commands.start();
				ui.say(said({text: 'Started: teammates play the seats nobody has taken, until someone does.', color: 'cyan'}));
			},
			hint: () => ui.open({kind: 'choose', purpose: 'hint'}),
			note: () => ui.open({kind: 'note'}),
			seat: () => ui.open({kind: 'choose', purpose: 'seat'}),
			spectators: () => ui.open({kind: 'choose', purpose: 'spectators'}),
			views: () => ui.nextLead(),
			end: () => (drill.ended === null ? ui.open({kind: 'end'}) : onLeave()),
		},
		choose: (purpose, role) => chosen[purpose](role),
		sendHint: (role, text) =>
			ui.close(
				said(
					commands.hint(role, text)
						? {text: `Hint sent to ${roleName(role)} (${playerOf(drill, role)}).`, color: 'cyan'}
						: {text: `Nobody is in the ${roleName(role)} seat now: the hint was not sent.`, color: 'yellow'},
				),
			),
		writeNote: text => {
			commands.note(text);
			ui.close(said({text: text === '' ? `Turn ${drill.turn} marked important in the recording.` : `Note written into the recording at turn ${drill.turn}.`, color: 'cyan'}));
		},
		end: () => {
			commands.stop();
			ui.close();
		},
	};
}
