/**
 * Conformance of every registered language: its golden cases under test/golden/<language>/, and on each
 * case the invariants of invariants.ts, bare, with CRLF line ends, with a BOM, and embedded in YAML and TOML.
 */
import { describe, expect, it } from 'vitest';
import type { LanguageId } from '../../src/model/ids.js';
import { languages } from '../../src/languages/registry.js';
import { expectGolden, goldenCases } from '../golden.js';
import { embedInToml, embedInYaml, expectMovedBy } from './embed.js';
import { bareSource, parseLanguageFixture, parseSource } from './fixtures.js';
import {
  decodedWithBom,
  expectCodes,
  expectJsonRoundTrip,
  expectPositionsInFile,
  expectSameUnderCrlf,
  expectStageTexts,
  lineEndVariants,
} from './invariants.js';
import { goldenSetup } from './setups.js';

const isErrorCase = (name: string): boolean => name.startsWith('_errors_/');

describe.each(Object.keys(languages) as LanguageId[])('language %s', (id) => {
  const setup = goldenSetup(id);
  const cases = goldenCases(id);

  it('has golden cases for its constructs and its errors', () => {
    expect(cases.filter((c) => !isErrorCase(c.name)).length).toBeGreaterThanOrEqual(setup.minimumCases);
    expect(cases.filter((c) => isErrorCase(c.name)).length).toBeGreaterThanOrEqual(3);
  });

  describe.each(cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const fixture = parseLanguageFixture(id, name, c.input);
    const diagnostics = [...fixture.readerDiagnostics, ...fixture.queries.flatMap((q) => q.diagnostics)];

    it('matches its golden file', () => {
      expectGolden(id, name, fixture.projection);
      if (isErrorCase(name)) {
        const errors = diagnostics.filter((d) => setup.clean.includes(d.severity));
        expect(errors.length).toBeGreaterThan(0);
        for (const d of errors) expect(d.line >= 1 && d.column >= 1).toBe(true);
      } else expect(diagnostics.filter((d) => setup.clean.includes(d.severity))).toEqual([]);
    });

    it('keeps spans, codes and JSON', () => {
      expectStageTexts(fixture.fileText, fixture.queries);
      expectPositionsInFile(fixture.fileText, fixture.queries);
      expectCodes(fixture.queries.flatMap((q) => q.diagnostics));
      expectJsonRoundTrip(fixture.queries);
    });

    it('reads the same with CRLF line ends and with a BOM', () => {
      const { lf, crlf } = lineEndVariants(c.input);
      const withLf = parseLanguageFixture(id, name, lf);
      const withCrlf = parseLanguageFixture(id, name, crlf);
      expectSameUnderCrlf(withLf, withCrlf);
      expectPositionsInFile(withCrlf.fileText, withCrlf.queries);
      expect(decodedWithBom(crlf)).toBe(crlf);
    });

    it.skipIf(setup.notEmbeddable !== undefined)(
      `gives file positions embedded in YAML and TOML${setup.notEmbeddable ? ` (skipped: ${setup.notEmbeddable})` : ''}`,
      (ctx) => {
        const bare = parseSource(id, name, bareSource(id, c.input));
        const reasons: string[] = [];
        for (const embed of [embedInYaml, embedInToml]) {
          const embedding = embed(id, c.input);
          if (typeof embedding === 'string') {
            reasons.push(embedding);
            continue;
          }
          const embedded = parseSource(id, name, embedding.source);
          expectPositionsInFile(embedding.fileText, [embedded]);
          expectMovedBy(embedding, bare, embedded);
        }
        if (reasons.length === 2) ctx.skip(`skipped: ${reasons.join('; ')}`);
      },
    );
  });
});
