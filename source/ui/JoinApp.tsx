// The join app: a seat joined to a drill over the network, on play's screen for that seat only. It reads the drill
// client's snapshots and sends it the seat's decision; the facilitator runs the drill, so the seat's keys are the
// action picker's, detail, help, reconnect and quit. A dropped connection says so and offers to reconnect.
import {useApp, useInput} from 'ink';
import {type ReactNode, useMemo, useState, useSyncExternalStore} from 'react';
import type {ActionRequest} from '../env/types.js';
import type {DrillClient} from '../net/drill-client.js';
import {stepsSeen} from '../net/seat-state.js';
import {DetailView} from './components/DetailView.js';
import {DrillEnd} from './components/DrillEnd.js';
import {TooSmall} from './components/HandOver.js';
import {ControlsPage, type HelpSection, QuitPrompt} from './components/Overlays.js';
import {PlayScreen} from './components/PlayScreen.js';
import {unboundKeyReason} from './controls.js';
import type {DetailSection} from './detail.js';
import {drillScreen} from './drill-screen.js';
import {useEverySecondUntil, useKeyTable, useTerminalSize} from './hooks.js';
import {JOIN_KEYS, type JoinControlName, SPECTATE_KEYS} from './join-keys.js';
import {type Said, clockOf, joinStatus} from './join-status.js';
import {MIN_COLUMNS, MIN_ROWS, type Room, type TerminalSize, fitsMinimum} from './layout.js';

/** What the app needs of the drill client. */
export type SeatSource = Pick<DrillClient, 'subscribe' | 'snapshot' | 'act' | 'reconnect' | 'close'>;

export type JoinAppProps = {
	readonly client: SeatSource;
	/** A fixed size (tests); by default the app follows the terminal. */
	readonly size?: TerminalSize;
	/** The clock the countdown is shown on: the drill client's. */
	readonly now?: () => number;
	/** Told when the player quits with Ctrl+C, so that the command can exit as shells expect (130). */
	readonly onInterrupt?: () => void;
};

type Overlay = 'help' | 'detail' | 'quit';

const ABOUT = [
	'The facilitator runs the drill: they pause and resume it, send hints and hold the ground truth.',
	'Teammate policies play the seats nobody holds, and yours while you are away; r takes it back after a drop.',
];

export function JoinApp({client, size: fixedSize, now = Date.now, onInterrupt}: JoinAppProps) {
	const {exit} = useApp();
	const terminal = useTerminalSize();
	const size = fixedSize ?? terminal;
	const seat = useSyncExternalStore(client.subscribe, client.snapshot);
	const screen = useMemo(() => drillScreen(seat), [seat]);
	const [overlay, setOverlay] = useState<Overlay | null>(null);
	const [typing, setTyping] = useState(false);
	const [said, setSaid] = useState<Said | null>(null);
	useEverySecondUntil(seat.pending?.deadline ?? null, now);

	const {connection, ending} = seat;
	const keys = seat.role === null ? SPECTATE_KEYS : JOIN_KEYS;
	const say = (text: string, color: string) => setSaid({entry: {text, color}, atStep: stepsSeen(client.snapshot())});
	const quit = () => {
		client.close();
		exit();
	};
	const close = () => setOverlay(null);
	const run: Record<JoinControlName, () => void> = {
		detail: () => setOverlay('detail'),
		help: () => setOverlay('help'),
		reconnect: () => client.reconnect(),
		// A spectator leaves nothing behind, nor does a player whose connection is gone.
		quit: () => (seat.role !== null && connection.state === 'joined' ? setOverlay('quit') : quit()),
	};

	// Ctrl+C leaves at once, whoever has the keyboard (the text input lets it through).
	useInput((input, key) => {
		if (!key.ctrl || input !== 'c') return;
		onInterrupt?.();
		quit();
	});
	const picking = seat.role !== null && seat.pending !== null && !seat.pending.sent && connection.state === 'joined';
	const shown = !fitsMinimum(size) ? 'too-small' : ending !== null ? 'end' : 'play';
	useKeyTable({
		controls: keys.controls,
		state: {lost: connection.state === 'lost'},
		run,
		onIdle: reason => say(reason, 'yellow'),
		unbound: input => unboundKeyReason(input, picking),
		isActive: shown === 'play' && overlay === null && !typing,
	});

	if (shown === 'too-small') return <TooSmall size={size} needed={{columns: MIN_COLUMNS, rows: MIN_ROWS}} onQuit={quit} />;
	if (ending !== null) return <DrillEnd seat={seat} ending={ending} screen={screen} size={size} onQuit={quit} />;

	const hints = seat.hints.map(hint => hint.text);
	const helpSections: HelpSection[] = [
		...(hints.length === 0 ? [] : [{heading: `HINTS FROM THE FACILITATOR (${hints.length})`, texts: hints, numbered: true}]),
		{heading: 'IN A DRILL', texts: ABOUT},
	];
	const detailSections: DetailSection[] = [{title: 'HINTS FROM THE FACILITATOR', texts: hints}];
	const overlays: Record<Overlay, (room: Room) => ReactNode> = {
		help: room => <ControlsPage keys={keys} sections={helpSections} room={room} onScoring={null} onClose={close} />,
		detail: room => <DetailView screen={screen} briefing={null} more={detailSections} room={room} onClose={close} />,
		quit: () => <QuitPrompt question="The drill goes on without you: a teammate takes your seat. Quit?" onQuit={quit} onCancel={close} />,
	};
	const choose = (action: ActionRequest) => {
		const refusal = client.act(action);
		if (refusal !== null) say(`Not sent: ${refusal}.`, 'red');
	};
	return (
		<PlayScreen
			screen={screen}
			keys={keys}
			title={seat.drill?.title ?? ''}
			briefing={null}
			size={size}
			clock={clockOf(seat, now())}
			overlay={overlay === null ? null : overlays[overlay]}
			status={joinStatus(seat, screen.pending, said)}
			picking={picking}
			pickerActive={overlay === null && !seat.paused}
			onChoose={choose}
			onTyping={setTyping}
		/>
	);
}
