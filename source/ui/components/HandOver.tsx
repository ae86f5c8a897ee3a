// Hot seat: the last player's view stays hidden until the next one is at the keyboard.
import {Box, Text} from 'ink';
import type {Role} from '../../env/vocabulary.js';
import {roleName} from '../format.js';
import type {TerminalSize} from '../layout.js';
import {QuitPrompt} from './Overlays.js';

type HandOverProps = {readonly role: Role; readonly size: TerminalSize; readonly asking: boolean};

export function HandOver({role, size, asking}: HandOverProps) {
	return (
		<Box width={size.columns} height={size.rows} flexDirection="column" alignItems="center" justifyContent="center">
			<Text bold>{`Hand the keyboard to ${roleName(role)}.`}</Text>
			<Text dimColor>The last player's view is hidden.</Text>
			<Text color="greenBright">{`${roleName(role)}: press Enter to see your view.`}</Text>
			{asking ? <QuitPrompt /> : null}
		</Box>
	);
}

export function TooSmall({size, needed}: {readonly size: TerminalSize; readonly needed: TerminalSize}) {
	return (
		<Text wrap="wrap">
			{`ChaosOps needs a terminal of at least ${needed.columns}×${needed.rows}; this one is ${size.columns}×${size.rows}. Enlarge it (q quits).`}
		</Text>
	);
}
