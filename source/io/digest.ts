// A file's SHA-256, as the built-in files and the code cache are checked by.
import {createHash} from 'node:crypto';

export const digestOf = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
