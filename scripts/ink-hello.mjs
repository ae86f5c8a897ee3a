// The baseline for `chaosops play`'s first frame: a bare Ink "hello", unbundled, straight from node_modules.
// It draws one line and exits once that line is written. Used by scripts/bench-play.ts.
import {render, Text} from 'ink';
import {createElement} from 'react';

const {stdout} = process;
const write = stdout.write.bind(stdout);
stdout.write = (chunk, ...rest) => {
	const written = write(chunk, ...rest);
	if (String(chunk).includes('hello')) setImmediate(() => process.exit(0));
	return written;
};
render(createElement(Text, null, 'hello'));
