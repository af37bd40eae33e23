// Golden cases for the YARA-L parser: every construct and every error case under test/golden/yaral.
import { describe, expect, it } from 'vitest';
import { expectGolden, goldenCases } from '../../../test/golden.js';
import { parseQuery } from '../../../test/parse.js';
import { projectQuery } from '../../../test/project.js';

const cases = goldenCases('yaral');

describe('YARA-L golden cases', () => {
  it('has the cases', () => {
    expect(cases.filter((c) => !c.name.startsWith('_errors_/')).length).toBeGreaterThanOrEqual(25);
  });

  for (const c of cases) {
    it(c.name, () => {
      const parsed = parseQuery('yaral', c.input);
      const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
      if (c.name.startsWith('_errors_/')) expect(errors.length).toBeGreaterThan(0);
      else expect(errors).toEqual([]);
      for (const d of parsed.diagnostics) expect(d.line).toBeGreaterThan(0);
      expectGolden('yaral', c.name, projectQuery(parsed));
    });
  }
});
