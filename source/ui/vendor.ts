// Ink, React and the packages they bring, as the bundle holds them: one script apart from the app's chunks, which
// vendor-loader.ts compiles with a V8 code cache. scripts/vendor.mjs bundles it; the app imports ink and react as usual.
import * as ink from 'ink';
import * as inkTextInput from 'ink-text-input';
import * as react from 'react';
import * as reactJsxRuntime from 'react/jsx-runtime';

export {ink, inkTextInput, react, reactJsxRuntime};
