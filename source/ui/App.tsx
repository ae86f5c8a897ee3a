// The play app: one episode at a time, shown for the human role whose turn it is, with one-key controls,
// the hot-seat hand-over and the end-of-episode summary. It reads the session's snapshots and sends it commands;
// each screen and overlay handles its own keys.
import {useApp, useInput} from 'ink';
import {type ReactNode, useEffect, useMemo, useState} from 'react';
import type {ActionRequest} from '../env/types.js';
import type {Role} from '../env/vocabulary.js';
import {type ControlName, type ControlState, keysFor} from './controls.js';
import {describeAction, roleName} from './format.js';
import {useControlKeys, useSession, useTerminalSize} from './hooks.js';
import {MIN_COLUMNS, MIN_ROWS, type Room, type TerminalSize, fitsMinimum} from './layout.js';
import {HUMAN, type Hint, type PlaySession} from './session.js';
import {sessionScreen} from './session-screen.js';
import {recentAgentNotice, thinkingEntry} from './role-view.js';
import type {PendingShown} from './seat-screen.js';
import {DetailView} from './components/DetailView.js';
import {HandOver, TooSmall} from './components/HandOver.js';
import {HelpOverlay, QuitPrompt, SeatPicker, TruthOverlay} from './components/Overlays.js';
import type {Entry} from './components/Feed.js';
import {PlayScreen} from './components/PlayScreen.js';
import type {StatusEntry} from './components/Spinner.js';
import {Review} from './components/Review.js';
import {Summary, type SummaryChoice} from './components/Summary.js';

type Overlay = 'help' | 'seats' | 'truth' | 'detail' | 'quit';

export type AppProps = {
	/** A new session for the seed: the first one, then each "play again" or "new seed". */
	readonly start: (seed: number) => PlaySession;
	readonly seed: number;
	readonly title: string;
	readonly briefing?: string | null;
	/** A fixed size (tests); by default the app follows the terminal. */
	readonly size?: TerminalSize;
	/** Told when the player quits with Ctrl+C, so that the command can exit as shells expect (130). */
	readonly onInterrupt?: () => void;
};

/** What `h` says: the incident's hint and where it is on the ladder, or, the ladder used up, what the oracle would do. */
function hintText(hint: Hint): string {
	if (hint.kind === 'ladder') return `Hint ${hint.step}/${hint.of}: ${hint.text}`;
	const usedUp = `No more hints (all ${hint.of} shown)`;
	if (hint.move === null) return `${usedUp}; on your turn, h tells what the oracle would do in your seat.`;
	const {role, action} = hint.move;
	const move = action.action_type === 'noop' ? 'wait this turn (noop)' : describeAction(action);
	return `${usedUp}; the oracle would ${move} as ${roleName(role)} now.`;
}

/**
 * What the status line says of the pending turn: whose it is and what the keys would do, or that a model is thinking
 * (which it says whatever else the line says, so that the wait never looks like a hang).
 */
function turnStatus(pending: PendingShown | null, paused: boolean): StatusEntry | null {
	if (pending === null) return null;
	const who = `${roleName(pending.role)} (${pending.by})`;
	if (pending.yours) return {text: `Your move as ${roleName(pending.role)}; ? for help`, color: 'greenBright'};
	if (paused) return {text: `Paused: n plays ${who}'s turn, space resumes`, color: 'yellow'};
	if (pending.agent !== null) return thinkingEntry(pending.agent, pending.role);
	return {text: `${who} is deciding...`, color: 'gray'};
}

export function App({start, seed: firstSeed, title, briefing = null, size: fixedSize, onInterrupt}: AppProps) {
	const {exit} = useApp();
	const terminal = useTerminalSize();
	const size = fixedSize ?? terminal;
	const [seed, setSeed] = useState(firstSeed);
	const [session, setSession] = useState(() => start(firstSeed));
	const [overlay, setOverlay] = useState<Overlay | null>(null);
	const [typing, setTyping] = useState(false);
	const [said, setSaid] = useState<{entry: Entry; turn: number} | null>(null);
	const [facing, setFacing] = useState<Role | null>(null);
	const [reviewing, setReviewing] = useState(false);
	const play = useSession(session);

	useEffect(() => () => session.dispose(), [session]);
	useEffect(() => {
		if (play.failure !== null) exit(play.failure instanceof Error ? play.failure : new Error(String(play.failure)));
	}, [play.failure, exit]);

	const {pending, result, readOnly, humanRoles: humans} = play;
	const turn = play.played.length;
	const handOver = !readOnly && humans.length >= 2 && pending?.human === true && pending.role !== facing;
	const showsPending = pending !== null && (readOnly || (pending.human && !handOver));
	const viewer: Role = showsPending ? pending.role : (facing ?? humans[0] ?? play.played.at(-1)?.role ?? 'sre');
	const picking = showsPending && pending.human && !readOnly;
	const seat = useMemo(() => sessionScreen(play, viewer), [play, viewer]);
	const controlState: ControlState = {
		readOnly,
		paused: play.paused,
		yourTurn: picking,
		canUndo: play.played.some(step => step.by === HUMAN),
	};
	useEffect(() => {
		if (showsPending && !readOnly && pending.human) setFacing(pending.role);
	}, [showsPending, readOnly, pending]);

	// Said after the command ran: an undo's message belongs to the turn it went back to.
	const say = (text: string, color?: string) => setSaid({entry: {text, color}, turn: session.snapshot().played.length});
	const quit = () => exit();
	const close = () => setOverlay(null);
	const restart = (nextSeed: number) => {
		setSeed(nextSeed);
		setOverlay(null);
		setSaid(null);
		setFacing(null);
		setReviewing(false);
		setSession(start(nextSeed));
	};
	const onSummary = (choice: SummaryChoice) => {
		if (choice === 'quit') quit();
		else restart(choice === 'again' ? seed : seed + 1);
	};

	const run: Record<ControlName, () => void> = {
		pause: () => session.togglePause(),
		step: () => session.stepOnce(),
		seats: () => setOverlay('seats'),
		undo: () => say(session.undo() ? 'Undone: back to your previous decision.' : 'Nothing to undo yet.', 'cyan'),
		hint: () => say(hintText(session.hint()), 'cyan'),
		detail: () => setOverlay('detail'),
		truth: () => {
			session.reveal();
			setOverlay('truth');
		},
		help: () => setOverlay('help'),
		quit: () => setOverlay('quit'),
	};

	// Ctrl+C leaves at once, whoever has the keyboard (the text input lets it through).
	useInput((input, key) => {
		if (!key.ctrl || input !== 'c') return;
		onInterrupt?.();
		quit();
	});
	const screen = !fitsMinimum(size) ? 'too-small' : result !== null ? 'summary' : handOver ? 'hand-over' : 'play';
	useControlKeys({
		state: controlState,
		run,
		onIdle: reason => say(reason, 'yellow'),
		listOpen: picking,
		isActive: screen === 'play' && overlay === null && !typing,
	});

	// The review's timeline, made when it is opened: the played steps replayed once to judge each on its world.
	const review = useMemo(
		() => (reviewing && result !== null ? session.review() : null),
		[reviewing, result, session],
	);

	if (screen === 'too-small') return <TooSmall size={size} needed={{columns: MIN_COLUMNS, rows: MIN_ROWS}} onQuit={quit} />;
	if (review !== null) return <Review timeline={review} title={title} size={size} onClose={() => setReviewing(false)} />;
	if (result !== null && play.baselines !== null) {
		return (
			<Summary
				play={play}
				result={result}
				baselines={play.baselines}
				title={title}
				size={size}
				onChoose={onSummary}
				onUndo={readOnly || !controlState.canUndo ? null : run.undo}
				onReview={() => setReviewing(true)}
			/>
		);
	}
	if (handOver) return <HandOver role={pending.role} size={size} onShow={() => setFacing(pending.role)} onQuit={quit} />;

	const overlays: Record<Overlay, (room: Room) => ReactNode> = {
		help: room => <HelpOverlay readOnly={readOnly} briefing={briefing} hints={play.hints} scenario={play.scenario} room={room} onClose={close} />,
		seats: () => (
			<SeatPicker
				holders={play.holders}
				onPick={role => {
					session.toggleSeat(role);
					close();
				}}
				onClose={close}
			/>
		),
		truth: room => (play.truth === null ? null : <TruthOverlay play={play} truth={play.truth} room={room} onClose={close} />),
		detail: room => <DetailView screen={seat} briefing={briefing} room={room} onClose={close} />,
		quit: () => <QuitPrompt onQuit={quit} onCancel={close} />,
	};
	// The journal's notice stays; what was just said about a key or a hint comes under it. What a replayed drill says
	// happened comes last, under whose turn it is, in one entry that wraps.
	const pressing: Entry[] = [
		...(play.notice ? [{text: play.notice, color: 'red', bold: true}] : []),
		...(said !== null && said.turn === turn ? [said.entry] : []),
	];
	// A model's or a program's turn that went wrong says so until every role has moved once since, on one line: the
	// turn log and the detail view have it whole.
	const agentNotice = recentAgentNotice(seat.steps);
	const waiting = turnStatus(seat.pending, play.paused);
	const status: StatusEntry[] = [
		...pressing,
		...(agentNotice === null ? [] : [{...agentNotice, brief: true}]),
		...(waiting !== null && (pressing.length === 0 || waiting.spinning) ? [waiting] : []),
		...(play.recordedEvents.length === 0 ? [] : [{text: play.recordedEvents.join(' · '), color: 'cyan'}]),
	];
	return (
		<PlayScreen
			screen={seat}
			keys={keysFor(readOnly)}
			title={title}
			briefing={briefing}
			size={size}
			overlay={overlay === null ? null : overlays[overlay]}
			status={status}
			picking={picking}
			pickerActive={overlay === null}
			onChoose={(action: ActionRequest) => session.choose(action)}
			onTyping={setTyping}
		/>
	);
}
