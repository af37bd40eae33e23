/** Golden tests: each query under test/golden/kusto/ against its reviewed projection; error cases must give a positioned error. */
import { describe, expect, it } from 'vitest';
import { expectGolden, goldenCases } from '../../../test/golden.js';
import { parseQuery } from '../../../test/parse.js';
import { projectQuery } from '../../../test/project.js';

const cases = goldenCases('kusto');

describe('kusto golden cases', () => {
  it('has at least 50 cases', () => {
    expect(cases.filter((c) => !c.name.startsWith('_errors_/')).length).toBeGreaterThanOrEqual(50);
  });

  for (const c of cases) {
    it(c.name, () => {
      const parsed = parseQuery('kusto', c.input);
      const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
      if (c.name.startsWith('_errors_/')) {
        expect(errors.length).toBeGreaterThan(0);
        for (const e of errors) expect(e.line).toBeGreaterThan(0);
      } else expect(errors).toEqual([]);
      expectGolden('kusto', c.name, projectQuery(parsed));
    });
  }
});
