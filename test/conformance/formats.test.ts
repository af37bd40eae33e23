/**
 * Conformance of every registered format reader: each golden fixture (of any folder under test/golden/) that
 * a reader takes is read, its rules' queries parsed, and the invariants of invariants.ts kept, as read and
 * with CRLF line ends; fixtures in a folder named after no language have golden files of what was read.
 */
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FormatReader, SourceFile } from '../../src/formats/format.js';
import { formatReaders, readAs, readerOf, recognize } from '../../src/formats/registry.js';
import { LANGUAGE_IDS } from '../../src/model/ids.js';
import type { ParsedQuery } from '../../src/model/stage.js';
import { languages } from '../../src/languages/registry.js';
import { emptyContext } from '../../src/languages/language.js';
import { expectGolden, goldenCases, goldenRoot } from '../golden.js';
import { existsSync, readdirSync } from 'node:fs';
import { projectRule } from './fixtures.js';
import {
  expectCodes,
  expectJsonRoundTrip,
  expectPositionsInFile,
  expectSameUnderCrlf,
  lineEndVariants,
} from './invariants.js';

interface Fixture {
  folder: string;
  name: string;
  file: SourceFile;
}

function sourceFile(path: string, text: string): SourceFile {
  return { path, text, bytes: Buffer.byteLength(text), sourceName: 'golden' };
}

const folders = existsSync(goldenRoot) ? readdirSync(goldenRoot).sort() : [];
const fixtures: Fixture[] = folders.flatMap((folder) =>
  goldenCases(folder).map((c) => ({
    folder,
    name: c.name,
    file: sourceFile(relative(join(goldenRoot, folder), c.inputPath).split('\\').join('/'), c.input),
  })),
);

/** What a reader made of a file, each rule's query parsed by its language with the reader's hand-off. */
/** The reader that takes a file first, in registry order. */
function readerFor(file: SourceFile): FormatReader | undefined {
  const recognition = recognize(file);
  return recognition ? readerOf(recognition) : undefined;
}

function readAndParse(reader: FormatReader, file: SourceFile) {
  const result = readAs(reader, file);
  if (!result) throw new Error(`${reader.id} does not take ${file.path}`);
  const parsed = result.rules.map((rule, i): ParsedQuery | null =>
    rule.query
      ? languages[rule.query.language].parse({
          source: rule.query,
          context: emptyContext(),
          prepared: result.prepared?.[i],
        })
      : null,
  );
  return { result, parsed, queries: parsed.filter((q): q is ParsedQuery => q !== null) };
}

/** Golden folders of other suites (conversion, overlap), not rule files to read. */
const OTHER_SUITES = ['convert', 'overlap'];

describe('format fixtures', () => {
  const formatFolders = folders.filter(
    (f) => !(LANGUAGE_IDS as readonly string[]).includes(f) && !OTHER_SUITES.includes(f),
  );
  describe.each(
    fixtures.filter((f) => formatFolders.includes(f.folder)).map((f) => [f.file.path, f] as const),
  )('%s', (_path, f) => {
    it('matches its golden file', () => {
      const reader = readerFor(f.file);
      if (!reader) return expectGolden(f.folder, f.name, { format: null });
      const { result, parsed } = readAndParse(reader, f.file);
      const rules = result.rules.map((r, i) => projectRule(r, parsed[i]));
      const { artifacts, diagnostics } = result;
      const fileDiagnostics = diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} ${d.message}`);
      expectGolden(f.folder, f.name, {
        format: reader.id,
        rules,
        ...(artifacts.length ? { artifacts } : {}),
        ...(fileDiagnostics.length ? { diagnostics: fileDiagnostics } : {}),
      });
      if (f.name.startsWith('_errors_/'))
        expect(
          [
            ...result.rules.flatMap((r) => r.diagnostics),
            ...parsed.flatMap((q) => q?.diagnostics ?? []),
          ].some((d) => d.severity === 'error'),
        ).toBe(true);
    });
  });
});

describe.each(formatReaders.map((r) => [r.id, r] as const))('format %s', (_id, reader) => {
  const own = fixtures.filter((f) => readerFor(f.file) === reader);

  if (own.length === 0)
    it.skip('has fixtures (skipped: no fixture under test/golden/ is read by this format)');

  describe.each(own.map((f) => [f.file.path, f] as const))('%s', (_path, f) => {
    it('keeps positions, codes and JSON', () => {
      const { result, queries } = readAndParse(reader, f.file);
      expectPositionsInFile(f.file.text, queries);
      expectCodes(queries.flatMap((q) => q.diagnostics));
      const { prepared: _prepared, ...stored } = result;
      expectJsonRoundTrip({ stored, queries });
    });

    it('reads the same with CRLF line ends', () => {
      const { lf, crlf } = lineEndVariants(f.file.text);
      const read = (text: string) => {
        const file = sourceFile(f.file.path, text);
        return { fileText: text, ...readAndParse(reader, file) };
      };
      const withLf = read(lf);
      const withCrlf = read(crlf);
      const starts = (r: typeof withLf) =>
        r.result.rules.map((rule) => rule.query && `${rule.query.start.line}:${rule.query.start.column}`);
      expect(starts(withCrlf)).toEqual(starts(withLf));
      expectSameUnderCrlf(withLf, withCrlf);
      expectPositionsInFile(crlf, withCrlf.queries);
    });
  });
});
