// The bottom line: every one-key control.
import {Text} from 'ink';
import {memo} from 'react';
import {controlsFor} from '../controls.js';
import {fit} from '../text-fit.js';

export const Footer = memo(function Footer({readOnly, width}: {readonly readOnly: boolean; readonly width: number}) {
	return (
		<Text dimColor>
			{fit(
				controlsFor(readOnly)
					.map(control => `${control.keyLabel} ${control.footer}`)
					.join('  '),
				width,
			)}
		</Text>
	);
});
