// A turning mark for a wait whose end nobody can tell (a model thinking). It keeps its own frame, so that each tick
// redraws this one mark and none of the screen around it; its timer runs only while it is on screen.
import {Text} from 'ink';
import {memo, useEffect, useState} from 'react';
import type {Entry} from './Feed.js';

/**
 * An entry of a status line; a spinning one (a model thinking) is led by a spinner; a brief one is kept to one line,
 * cut short, for news whose whole text is elsewhere (a model's notice, whole in the turn log).
 */
export type StatusEntry = Entry & {readonly spinning?: boolean; readonly brief?: boolean};

/** The columns the spinner and the space after it take, before a spinning entry's text. */
export const SPINNER_COLUMNS = 2;

export const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] as const;
const FRAME_MS = 100;

export const Spinner = memo(function Spinner({color}: {readonly color?: string | undefined}) {
	const [frame, setFrame] = useState(0);
	useEffect(() => {
		const timer = setInterval(() => setFrame(previous => (previous + 1) % SPINNER_FRAMES.length), FRAME_MS);
		return () => clearInterval(timer);
	}, []);
	return <Text color={color}>{SPINNER_FRAMES[frame]}</Text>;
});
