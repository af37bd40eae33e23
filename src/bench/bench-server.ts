/** A catalog served in a child process for the benchmarks, so the client's work is not the server's event loop. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startServer } from '../web/server.js';

const SELF = fileURLToPath(import.meta.url);

export interface BenchServer {
  url: string;
  stop(): Promise<void>;
}

/** `cacheBytes` 0 renders every request (the work a page costs); undefined keeps the server's default cache. */
export function spawnServer(db: string, cacheBytes?: number): Promise<BenchServer> {
  const args = [SELF, db, ...(cacheBytes === undefined ? [] : [String(cacheBytes)])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolveStart, rejectStart) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolveStart({ url: line.trim(), stop: () => stopped(child) });
    });
    child.once('exit', (code) => rejectStart(new Error(`bench server exited with ${code}`)));
  });
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

/** Run as a script: serve `argv[2]` on a free loopback port and print its address on the first line. */
async function serveFromArgs(): Promise<void> {
  const [db, cache] = process.argv.slice(2);
  const server = await startServer({
    db,
    port: 0,
    host: '127.0.0.1',
    cacheBytes: cache === undefined ? undefined : Number(cache),
  });
  process.stdout.write(`${server.url}\n`);
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

if (process.argv[1] === SELF) void serveFromArgs();
