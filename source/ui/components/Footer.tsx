// The bottom line: every one-key control.
import {Text} from 'ink';
import {memo} from 'react';
import type {KeySet} from '../controls.js';
import {fit} from '../text-fit.js';

export const Footer = memo(function Footer({keys, width}: {readonly keys: KeySet<string, never>; readonly width: number}) {
	return (
		<Text dimColor>
			{fit(
				keys.controls
					.map(control => `${control.keyLabel} ${control.footer}`)
					.join('  '),
				width,
			)}
		</Text>
	);
});
