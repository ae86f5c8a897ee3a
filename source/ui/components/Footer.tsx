// The bottom line: every one-key control.
import {Text} from 'ink';
import {controlsFor} from '../controls.js';

export function Footer({readOnly, width}: {readonly readOnly: boolean; readonly width: number}) {
	return (
		<Text wrap="truncate-end" dimColor>
			{controlsFor(readOnly)
				.map(control => `${control.keyLabel} ${control.footer}`)
				.join('  ')
				.slice(0, width)}
		</Text>
	);
}
