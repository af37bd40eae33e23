/**
 * A new user's mistakes, end to end: the demo never touches a catalog it did not make, a busy port is found
 * before any work, a missing catalog or file is one line (no stack trace), and commands find the demo's catalog.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = resolve('dist/cli/main.js');
const work = mkdtempSync(join(tmpdir(), 'ruleatlas-first-hour-'));

function run(args: string[], cwd = work): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** One line on stderr, naming the problem, and no stack frame. */
function expectOneLine(err: string, pattern: RegExp): void {
  expect(err).toMatch(pattern);
  expect(err).not.toMatch(/\n\s+at /);
  expect(err.trim().split('\n')).toHaveLength(1);
}

let busy: Server;
let busyPort = 0;

beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
  busyPort = (busy.address() as { port: number }).port;
});

afterAll(() => {
  busy.close();
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!existsSync(CLI))('a first hour without traps', () => {
  it('refuses to touch a catalog the demo did not make', () => {
    const mine = join(work, 'mine.db');
    expect(run(['ingest', resolve('examples/sigma'), '--db', mine]).code).toBe(0);
    const before = statSync(mine).mtimeMs;
    const r = run(['demo', '--db', mine, '--no-serve']);
    expect(r.code).toBe(1);
    expectOneLine(r.err, /mine\.db exists and was not made by `ruleatlas demo`; it is left untouched/);
    expect(statSync(mine).mtimeMs).toBe(before);
    const stats = JSON.parse(run(['stats', '--db', mine, '--json']).out);
    expect(stats.sources.map((s: { name: string }) => s.name)).toEqual(['sigma']);
  });

  it('refuses any other file in the way, and rebuilds its own catalog', () => {
    const other = join(work, 'notes.db');
    writeFileSync(other, 'my notes');
    expect(run(['demo', '--db', other, '--no-serve']).code).toBe(1);
    expect(readFileSync(other, 'utf8')).toBe('my notes');
    const demo = join(work, 'demo.db');
    expect(run(['demo', '--db', demo, '--no-serve']).code).toBe(0);
    expect(run(['demo', '--db', demo, '--no-serve']).code).toBe(0);
  });

  it('finds a busy port before any work', () => {
    const fresh = join(work, 'never.db');
    const r = run(['demo', '--db', fresh, '--port', String(busyPort)]);
    expect(r.code).toBe(1);
    expectOneLine(r.err, new RegExp(`port ${busyPort} is in use; pass --port`));
    expect(existsSync(fresh)).toBe(false);
    const demo = join(work, 'demo.db');
    expect(run(['demo', '--db', demo, '--no-serve']).code).toBe(0);
    expectOneLine(run(['serve', '--db', demo, '--port', String(busyPort)]).err, /is in use; pass --port/);
    expectOneLine(run(['serve', '--db', demo, '--port', '99999']).err, /--port takes a port number/);
  });

  it('says in one line that there is no catalog, and uses the demo catalog when only that one exists', () => {
    const empty = mkdtempSync(join(work, 'empty-'));
    for (const command of [['search', 'bitsadmin'], ['stats'], ['show', 'x'], ['indicators'], ['coverage']]) {
      const r = run(command, empty);
      expect(r.code).toBe(1);
      expectOneLine(
        r.err,
        /no catalog at \.\/ruleatlas\.db; run `ruleatlas ingest PATH` or `ruleatlas demo`/,
      );
    }
    expect(run(['demo', '--no-serve'], empty).code).toBe(0);
    const r = run(['search', 'bitsadmin', '--json'], empty);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/using the demo catalog \.\/ruleatlas-demo\.db/);
    expect(JSON.parse(r.out).total).toBeGreaterThan(0);
  });

  it('answers a file that is not a catalog, a bad layer path and a missing file without a stack trace', () => {
    const junk = join(work, 'junk.db');
    writeFileSync(junk, 'not sqlite');
    expectOneLine(run(['stats', '--db', junk]).err, /junk\.db is not a ruleatlas catalog/);
    const demo = join(work, 'demo.db');
    run(['demo', '--db', demo, '--no-serve']);
    const layer = run(['coverage', '--db', demo, '--layer', join(work, 'no', 'such', 'layer.json')]);
    expect(layer.code).toBe(1);
    expect(layer.err).toMatch(/layer\.json: no such file or folder/);
    expect(layer.err).not.toMatch(/\n\s+at /);
    expectOneLine(run(['explain', join(work, 'missing.yml')]).err, /No such file/);
  });

  it.skipIf(process.getuid?.() !== 0 || !existsSync('/usr/bin/setpriv'))(
    'says an unreadable file is unreadable (as a user root does not hide it from)',
    () => {
      const locked = join(work, 'locked.yml');
      writeFileSync(locked, 'title: x\n');
      chmodSync(locked, 0o000);
      chmodSync(work, 0o755);
      const r = spawnSync(
        '/usr/bin/setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, 'explain', locked],
        { encoding: 'utf8' },
      );
      expect(r.status).toBe(1);
      expectOneLine(r.stderr, /locked\.yml: permission denied/);
    },
  );

  it('stops the server when the npm process that started it goes away', async () => {
    const demo = join(work, 'demo.db');
    run(['demo', '--db', demo, '--no-serve']);
    // A stand-in for npm: a parent that starts the server as `npm start` does, then is killed.
    const launcher = spawn(
      process.execPath,
      [
        '-e',
        `require('child_process').spawn(process.execPath, ${JSON.stringify([CLI, 'serve', '--db', demo, '--port', '0'])}, { stdio: 'inherit', env: { ...process.env, npm_lifecycle_event: 'start' } }); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const served = await new Promise<string>((done) =>
      launcher.stdout!.on('data', (chunk: Buffer) => {
        const m = /at (http:\/\/\S+)/.exec(chunk.toString());
        if (m) done(m[1]);
      }),
    );
    expect((await fetch(served)).status).toBe(200);
    launcher.kill('SIGTERM');
    let stopped = false;
    for (let i = 0; i < 40 && !stopped; i++) {
      await new Promise((r) => setTimeout(r, 250));
      stopped = await fetch(served).then(
        () => false,
        () => true,
      );
    }
    expect(stopped).toBe(true);
  }, 30_000);
});
