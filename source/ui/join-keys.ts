// The keys of a seat joined to a drill. The facilitator runs the drill: its pace, who holds each seat, the hints and
// the ground truth are theirs, so play's space, n, t, u, h and g are not offered here.
import {type Control, type KeySet, keySet} from './controls.js';

export type JoinControlName = 'detail' | 'help' | 'reconnect' | 'quit';

/** What decides whether a control can act now. */
export type JoinControlState = {
	/** The connection to the host is lost, and not being made again. */
	readonly lost: boolean;
};

const JOIN_CONTROLS: ReadonlyArray<Control<JoinControlName, JoinControlState>> = [
	{name: 'detail', key: 'd', keyLabel: 'd', footer: 'detail', help: 'the full text of your view, the whole turn log and the hints'},
	{name: 'help', key: '?', keyLabel: '?', footer: 'help', help: 'this help'},
	{
		name: 'reconnect',
		key: 'r',
		keyLabel: 'r',
		footer: 'reconnect',
		help: 'reconnect after the connection drops, with the same code and seat',
		idle: ({lost}) => (lost ? null : 'r reconnects once the connection to the host is lost; it is not.'),
	},
	{name: 'quit', key: 'q', keyLabel: 'q', footer: 'quit', help: 'quit (asks first while the drill runs; a teammate takes your seat)'},
];

/** A player's keys: the action picker's too. */
export const JOIN_KEYS: KeySet<JoinControlName, JoinControlState> = keySet(JOIN_CONTROLS, true);
/** A spectator's keys: nothing to pick. */
export const SPECTATE_KEYS: KeySet<JoinControlName, JoinControlState> = keySet(JOIN_CONTROLS, false);
