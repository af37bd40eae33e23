/**
 * The invariants every parsed fixture must keep, whatever its language or format. Positions, as the project
 * defines them: 1-based line and column in UTF-16 code units, 0-based offset, all in the decoded file text.
 * A BOM is not part of that text (decoding drops it), so it moves nothing; a `\r` before `\n` belongs to
 * its line, so CRLF line ends move no line or column, and move an offset by the line breaks before it.
 * Values are compared without `\r`: a value that spans lines holds the file's line ends.
 */
import { expect } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import type { Span } from '../../src/model/span.js';
import type { ParsedQuery } from '../../src/model/stage.js';
import { LANGUAGE_IDS } from '../../src/model/ids.js';
import { PROBLEM_KINDS } from '../../src/languages/kit/problem.js';
import { FileLocator } from '../../src/text/locator.js';
import { decodeText } from '../../src/sources/decode.js';

/** Text with every line ending made `\n`, and the same text with `\r\n`. */
export function lineEndVariants(text: string): { lf: string; crlf: string } {
  const lf = text.replace(/\r\n/g, '\n');
  return { lf, crlf: lf.replace(/\n/g, '\r\n') };
}

/** The text as the project reads it from a file written with a BOM. */
export function decodedWithBom(text: string): string {
  const decoded = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
  return decoded.kind === 'text' ? decoded.text : '';
}

function spans(q: ParsedQuery): Span[] {
  return [
    ...q.stages.flatMap((s) => (s.span ? [s.span] : [])),
    ...q.stages.flatMap((s) => s.predicates.flatMap((p) => (p.span ? [p.span] : []))),
    ...q.diagnostics.flatMap((d) => (d.span ? [d.span] : [])),
  ];
}

/** Every span's line and column are where its offset is in the file. */
export function expectPositionsInFile(fileText: string, queries: ParsedQuery[]): void {
  const file = new FileLocator(fileText);
  for (const q of queries)
    for (const span of spans(q))
      for (const p of [span.start, span.end])
        expect(file.position(p.offset), 'position of an offset').toEqual(p);
}

/** A stage's `text` is the file's text at the stage's span. */
export function expectStageTexts(fileText: string, queries: ParsedQuery[]): void {
  for (const q of queries)
    for (const s of q.stages)
      if (s.span) expect(fileText.slice(s.span.start.offset, s.span.end.offset)).toBe(s.text);
}

/** Every diagnostic a parser raises has a code `<language>/<kind>` of the kit's problem kinds. */
export function expectCodes(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) {
    const [language, kind] = (d.code ?? '').split('/');
    expect(LANGUAGE_IDS as readonly string[], `code of "${d.message}"`).toContain(language);
    expect(PROBLEM_KINDS as readonly string[], `code of "${d.message}"`).toContain(kind);
  }
}

export function expectJsonRoundTrip(value: unknown): void {
  expect(JSON.parse(JSON.stringify(value))).toEqual(value);
}

/** Predicates with their positions, the offsets taken back to the `\n` text they would have there. */
function predicateView(queries: ParsedQuery[], fileText: string): unknown[] {
  const crBefore = (offset: number): number => (fileText.slice(0, offset).match(/\r\n/g) ?? []).length;
  const point = (p: Span['start']): string => `${p.line}:${p.column}@${p.offset - crBefore(p.offset)}`;
  return queries.flatMap((q) =>
    q.stages.flatMap((s) => [
      `stage ${s.index} ${s.span ? `${point(s.span.start)}-${point(s.span.end)}` : ''}`,
      ...s.predicates.map((p) => ({
        field: p.field,
        op: p.op,
        values: p.values.map((v) => v.replace(/\r/g, '')),
        negated: p.negated,
        at: p.span && `${point(p.span.start)}-${point(p.span.end)}`,
      })),
    ]),
  );
}

/** The CRLF text gives the predicates and positions of the LF text, by the rule above. */
export function expectSameUnderCrlf(
  lf: { fileText: string; queries: ParsedQuery[] },
  crlf: { fileText: string; queries: ParsedQuery[] },
): void {
  expect(predicateView(crlf.queries, crlf.fileText)).toEqual(predicateView(lf.queries, lf.fileText));
}
