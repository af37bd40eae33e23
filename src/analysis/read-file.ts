/** Offers a file to the format readers and guards the boundary: a reader that throws still yields the file's rule. */
import type { FormatReader, ReadResult, SourceFile } from '../formats/format.js';
import { readerFor } from '../formats/registry.js';
import { unreadableRule } from '../formats/document.js';
import { diagnostic } from '../text/diagnostics.js';

export interface FileReading {
  reader: FormatReader | undefined;
  result: ReadResult;
}

const EMPTY: ReadResult = { rules: [], artifacts: [], diagnostics: [] };

export function readFile(file: SourceFile, reader: FormatReader | undefined = readerFor(file)): FileReading {
  if (!reader) return { reader, result: EMPTY };
  try {
    return { reader, result: reader.read(file) };
  } catch (err) {
    const message = `Internal reader error: ${(err as Error).message}`;
    const d = diagnostic('error', message, { line: 1, column: 1, offset: 0 }, reader.id);
    return {
      reader,
      result: {
        rules: [unreadableRule(file, reader.id, reader.label, null, [d])],
        artifacts: [],
        diagnostics: [],
      },
    };
  }
}
