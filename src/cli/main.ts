#!/usr/bin/env node
/** The `ruleatlas` command: runs the program of `program.ts` and turns what went wrong into one line and an exit code. */
import { CommanderError } from 'commander';
import { UsageError, UserError } from './output.js';
import { buildProgram } from './program.js';

async function main(argv: string[]): Promise<number> {
  let pending: Promise<number> = Promise.resolve(0);
  const program = buildProgram((code) => {
    pending = Promise.resolve(code);
  });
  try {
    await program.parseAsync(argv);
    return await pending;
  } catch (err) {
    return exitCodeFor(err);
  }
}

/** A file-system error a user caused and can fix, in one line; undefined for anything else (a bug: stack). */
function fileProblem(err: unknown): string | undefined {
  const { code, path, syscall } = (err ?? {}) as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a part of the path is not a folder',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
  };
  if (!code || !reasons[code]) return undefined;
  return `${path ?? syscall ?? 'a file'}: ${reasons[code]}`;
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError)
    return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0
      ? 0
      : 2;
  if (err instanceof UsageError) {
    process.stderr.write(`ruleatlas: ${err.message}\n`);
    return 2;
  }
  const problem = err instanceof UserError ? err.message : fileProblem(err);
  if (problem) {
    process.stderr.write(`ruleatlas: ${problem}\n`);
    return 1;
  }
  process.stderr.write(`ruleatlas: ${(err as Error).stack ?? String(err)}\n`);
  return 1;
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
