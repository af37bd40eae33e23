// Golden cases under test/golden/kuery: reviewed projections of parsed queries; error cases must report, never throw.
import { describe, expect, it } from 'vitest';
import { expectGolden, goldenCases } from '../../../test/golden.js';
import { parseQuery } from '../../../test/parse.js';
import { projectQuery } from '../../../test/project.js';

describe('kuery golden cases', () => {
  for (const c of goldenCases('kuery')) {
    it(c.name, () => {
      const parsed = parseQuery('kuery', c.input);
      expectGolden('kuery', c.name, projectQuery(parsed));
      const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
      if (c.name.startsWith('_errors_/')) {
        expect(errors.length).toBeGreaterThan(0);
        for (const e of errors) expect(e.line >= 1 && e.column >= 1).toBe(true);
      } else expect(errors).toEqual([]);
    });
  }
});
