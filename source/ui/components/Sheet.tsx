// Lines laid out by sheet.ts, drawn as they are: each already fits its width.
import {Box, Text} from 'ink';
import {memo} from 'react';
import type {SheetLine} from '../sheet.js';

export const Sheet = memo(function Sheet({lines}: {readonly lines: readonly SheetLine[]}) {
	return (
		<Box flexDirection="column">
			{lines.map((spans, index) => (
				<Text key={index} wrap="truncate-end">
					{spans.map((span, part) => (
						<Text key={part} color={span.color} bold={span.bold} dimColor={span.dim} inverse={span.inverse}>
							{span.text}
						</Text>
					))}
				</Text>
			))}
		</Box>
	);
});
