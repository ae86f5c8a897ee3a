// The flags of a command that listens on the network (host, serve): the port and the address, and what it means when
// listening fails on them.
import {InputError} from '../io/errors.js';

/** The address listened on unless `--listen` says otherwise: this machine only. */
export const LOOPBACK = '127.0.0.1';

export function parsePort(value: string): number {
	if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InputError(`--port is ${JSON.stringify(value)}; expected a port from 0 to 65535 (0: any free port)`);
	return Number(value);
}

/** Whether `listen` is every address of this machine, which opens the port to the network. */
export const isEveryAddress = (listen: string): boolean => listen === '0.0.0.0' || listen === '::';

/** Resolves what `listening` settles to; a port in use or an address not this machine's is the user's to change (InputError). */
export async function listening<T>(listening: Promise<T>, port: number, listen: string): Promise<T> {
	try {
		return await listening;
	} catch (error) {
		const {code} = error as NodeJS.ErrnoException;
		if (code === 'EADDRINUSE') throw new InputError(`port ${port} is in use on ${listen}; give another with --port (0: any free port)`);
		if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new InputError(`--listen ${listen} is not an address of this machine`);
		throw error;
	}
}
