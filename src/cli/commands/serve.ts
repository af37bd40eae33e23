/** `ruleatlas serve`: the web catalog and its JSON API, read-only, on 127.0.0.1 unless told otherwise. */
import { existsSync } from 'node:fs';
import { startServer, type RunningServer } from '../../web/server.js';
import { catalogPath, missingCatalog } from '../catalog-file.js';
import { print } from '../output.js';
import { listenProblem } from '../port.js';

/**
 * Under `npm start`, npm does not pass a SIGTERM on to the server: when npm goes, the server is re-parented,
 * and stops rather than hold the port as an orphan.
 */
function stopWithLauncher(stop: () => void): void {
  if (!process.env.npm_lifecycle_event) return;
  const launcher = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === launcher) return;
    clearInterval(watch);
    stop();
  }, 500);
  watch.unref();
}

export async function serveCommand(options: {
  db: string;
  port: number;
  host: string;
  attack?: string;
}): Promise<number> {
  const db = catalogPath(options.db);
  if (!existsSync(db)) throw missingCatalog(db);
  let server: RunningServer;
  try {
    server = await startServer({ db, port: options.port, host: options.host, attack: options.attack });
  } catch (err) {
    throw listenProblem(err as NodeJS.ErrnoException, options.host, options.port) ?? err;
  }
  print(`ruleatlas is serving ${db} at ${server.url}`);
  await new Promise<void>((resolveStop) => {
    const stop = (): void => {
      server.close().then(resolveStop, resolveStop);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    stopWithLauncher(stop);
  });
  return 0;
}
