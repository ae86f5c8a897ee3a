// A word as a POSIX shell reads it back, for the commands a message suggests running: a plain word as it is, any
// other in single quotes.
const PLAIN = /^[\w./@%+=:,-]+$/;

export const shellWord = (word: string): string => (PLAIN.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);
