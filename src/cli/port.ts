/** Whether the web server can bind its address, asked before any work, and its failures said in one line. */
import { createServer } from 'node:net';
import { UserError } from './output.js';

/** The one-line reason a listen failed, for the errors a user can fix with `--port` or `--host`. */
export function listenProblem(err: NodeJS.ErrnoException, host: string, port: number): UserError | undefined {
  switch (err.code) {
    case 'EADDRINUSE':
      return new UserError(`port ${port} is in use; pass --port`);
    case 'EACCES':
      return new UserError(`port ${port} needs privileges this user lacks; pass --port above 1023`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new UserError(`cannot listen on ${host}: no such local address; pass --host`);
    default:
      return undefined;
  }
}

/** Binds and releases the address, so a busy port is reported before a catalog is built. */
export function ensureCanListen(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => reject(listenProblem(err, host, port) ?? err));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
