// Golden cases: each test/golden/sigma file read by the Sigma reader and parsed with the reader's hand-off.
import { describe, it } from 'vitest';
import { expectGolden, goldenCases } from '../../../test/golden.js';
import { projectQuery } from '../../../test/project.js';
import { sigmaReader } from '../../formats/sigma/index.js';
import { emptyContext } from '../language.js';
import { sigmaLanguage } from './index.js';

/** The parse as the shared projection, with the reader's own diagnostics beside it when there are any. */
function projectFile(name: string, text: string): unknown {
  const file = { path: `golden/${name}.yml`, text, bytes: Buffer.byteLength(text), sourceName: 'golden' };
  const result = sigmaReader.read(file, true);
  const projected = result.rules.map((rule, i) => {
    const query = rule.query
      ? sigmaLanguage.parse({ source: rule.query, context: emptyContext(), prepared: result.prepared?.[i] })
      : null;
    const readerDiagnostics = rule.diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} ${d.message}`);
    return {
      id: rule.id,
      ...(query ? projectQuery(query) : {}),
      ...(readerDiagnostics.length ? { readerDiagnostics } : {}),
    };
  });
  return projected.length === 1 ? projected[0] : projected;
}

describe('Sigma golden cases', () => {
  for (const c of goldenCases('sigma')) {
    it(c.name, () => expectGolden('sigma', c.name, projectFile(c.name, c.input)));
  }
});
