/** Reads a recognised file and guards the boundary: a reader that throws still yields the file's rule. */
import type { ReadResult, SourceFile } from '../formats/format.js';
import { readerOf, type Recognition } from '../formats/registry.js';
import { unreadableRule } from '../formats/document.js';
import { diagnostic } from '../text/diagnostics.js';

const EMPTY: ReadResult = { rules: [], artifacts: [], diagnostics: [] };

/** The file as its recognition's reader reads it; a file no reader took (no recognition) yields nothing. */
export function readFile(file: SourceFile, recognition: Recognition | undefined): ReadResult {
  if (!recognition) return EMPTY;
  const reader = readerOf(recognition);
  try {
    return reader.read(file, recognition.claim);
  } catch (err) {
    const message = `Internal reader error: ${(err as Error).message}`;
    const d = diagnostic('error', message, { line: 1, column: 1, offset: 0 }, reader.id);
    return {
      rules: [unreadableRule(file, reader.id, reader.label, null, [d])],
      artifacts: [],
      diagnostics: [],
    };
  }
}
