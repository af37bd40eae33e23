// Golden tests for the EQL parser: test/golden/eql/*.eql, legacy/ cases with the original engine's semantics, _errors_/.
import { describe, expect, test } from 'vitest';
import { expectGolden, goldenCases } from '../../../test/golden.js';
import { parseQuery } from '../../../test/parse.js';
import { projectQuery } from '../../../test/project.js';

const cases = goldenCases('eql');

describe('EQL golden cases', () => {
  test('cover every construct', () => {
    expect(cases.filter((c) => !c.name.startsWith('_errors_/')).length).toBeGreaterThanOrEqual(40);
  });

  for (const c of cases) {
    test(c.name, () => {
      const options = c.name.startsWith('legacy/') ? { legacy: true } : undefined;
      const parsed = parseQuery('eql', c.input, options);
      expectGolden('eql', c.name, projectQuery(parsed));
      const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
      if (c.name.startsWith('_errors_/')) {
        expect(errors.length).toBeGreaterThan(0);
        for (const e of errors) expect(e.line).toBeGreaterThan(0);
      } else expect(errors).toEqual([]);
    });
  }
});
