/** A file the ingest did not read, and why: the diagnostic stored with it and the reason `skippedByReason` counts. */
import type { Diagnostic } from '../model/diagnostic.js';
import { diagnostic } from '../text/diagnostics.js';
import { FileLocator } from '../text/locator.js';
import { MAX_FILE_BYTES } from '../sources/decode.js';
import type { ChangedFile, UnreadProblem } from '../sources/scan.js';

/** Error codes as people read them. */
const ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such file',
  ELOOP: 'too many links',
  EIO: 'input/output error',
};

function error(code: string | undefined): string {
  return ERRORS[code ?? ''] ?? code ?? 'unknown error';
}

/** Per problem: the reason's name in `skippedByReason`, and the diagnostic's message. */
const PROBLEMS: Record<UnreadProblem, { reason: string; message: (f: ChangedFile) => string }> = {
  binary: { reason: 'binary', message: () => 'Binary file; not read' },
  'too-large': {
    reason: 'too large',
    message: () => `File is larger than ${MAX_FILE_BYTES} bytes; not read`,
  },
  unreadable: {
    reason: 'unreadable file',
    message: (f) => `File cannot be read (${error(f.detail)}); skipped`,
  },
  vanished: {
    reason: 'removed during the ingest',
    message: () => 'File was removed or renamed while the ingest read the source; skipped',
  },
  'not-regular': {
    reason: 'not a regular file when read',
    message: () => 'File was replaced by something that is not a regular file while the ingest ran; skipped',
  },
  'unreadable-directory': {
    reason: 'unreadable folder (stored files kept)',
    message: (f) =>
      `Folder cannot be read (${error(f.detail)}); the ${f.kept ?? 0} files stored from it are kept as they were`,
  },
  fifo: { reason: 'FIFO', message: () => 'FIFO (named pipe); not read' },
  socket: { reason: 'socket', message: () => 'Socket; not read' },
  device: { reason: 'device', message: () => 'Device file; not read' },
  'link-broken': {
    reason: 'broken link',
    message: (f) => `Symbolic link to ${f.detail}, which does not exist; skipped`,
  },
  'link-outside': {
    reason: 'link outside the source',
    message: (f) => `Symbolic link to ${f.detail}, outside the source; not followed`,
  },
  'link-loop': {
    reason: 'link loop',
    message: (f) => `Symbolic link to ${f.detail}, which leads back to itself; not followed`,
  },
  'link-duplicate': {
    reason: 'link to what is read at its own path',
    message: (f) => `Symbolic link to ${f.detail}, which is read at that path; not read twice`,
  },
};

const CODE_PREFIX = 'catalog/';

/** The warning stored with a file not read. */
export function unreadDiagnostic(file: ChangedFile & { problem: UnreadProblem }): Diagnostic {
  const at = { line: 1, column: 1, offset: 0 };
  return diagnostic(
    'warning',
    PROBLEMS[file.problem].message(file),
    at,
    'catalog',
    CODE_PREFIX + file.problem,
  );
}

/** The warning for a file read with bytes that are not UTF-8, at the first of them. */
export function invalidUtf8Diagnostic(text: string, offset: number): Diagnostic {
  const at = new FileLocator(text).position(offset);
  return diagnostic(
    'warning',
    'Bytes that are not UTF-8: read as U+FFFD (�)',
    at,
    'catalog',
    `${CODE_PREFIX}invalid-utf8`,
  );
}

const NO_RULE = 'no-rule-found';

/** The warning for a file with a reader's own extension that holds nothing the reader takes. */
export function refusalDiagnostic(message: string): Diagnostic {
  return diagnostic('warning', message, { line: 1, column: 1, offset: 0 }, 'catalog', CODE_PREFIX + NO_RULE);
}

/** The reason name of a stored diagnostic's code, when it is a skip the ingest made. */
export function unreadReason(code: string): string | undefined {
  if (!code.startsWith(CODE_PREFIX)) return undefined;
  if (code === CODE_PREFIX + NO_RULE) return 'no rule in a rule file';
  return (PROBLEMS as Record<string, { reason: string }>)[code.slice(CODE_PREFIX.length)]?.reason;
}
