/** `ruleatlas serve`: the web catalog and its JSON API, read-only, on 127.0.0.1 unless told otherwise. */
import { existsSync } from 'node:fs';
import { startServer } from '../../web/server.js';
import { print, UsageError } from '../output.js';

export async function serveCommand(options: {
  db: string;
  port: number;
  host: string;
  attack?: string;
}): Promise<number> {
  if (!existsSync(options.db))
    throw new UsageError(`No catalog at ${options.db}: run \`ruleatlas ingest PATH\` first`);
  const server = await startServer({
    db: options.db,
    port: options.port,
    host: options.host,
    attack: options.attack,
  });
  print(`ruleatlas is serving ${options.db} at ${server.url}`);
  await new Promise<void>((resolveStop) => {
    const stop = (): void => {
      server.close().then(resolveStop, resolveStop);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
