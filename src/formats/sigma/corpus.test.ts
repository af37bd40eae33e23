// Every YAML file of the SigmaHQ corpus through the reader and the parser: parse share and time.
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, filesUnder } from '../../../test/corpus.js';
import { emptyContext } from '../../languages/language.js';
import { sigmaLanguage } from '../../languages/sigma/index.js';
import { hasError } from '../../text/diagnostics.js';
import type { SourceFile } from '../format.js';
import { sigmaReader } from './index.js';

const root = corpusPath('sigma');

describe.skipIf(!root)('the SigmaHQ corpus', () => {
  it('reads and parses every rule, fast', () => {
    const files: SourceFile[] = filesUnder(root!, /\.ya?ml$/i).map((path) => {
      const text = readFileSync(path, 'utf8');
      return { path: relative(root!, path), text, bytes: statSync(path).size, sourceName: 'sigma' };
    });
    let recognised = 0;
    let skipped = 0;
    let rules = 0;
    const failures: string[] = [];
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    for (const file of files) {
      if (sigmaReader.recognize(file) === undefined) {
        skipped++;
        continue;
      }
      recognised++;
      const result = sigmaReader.read(file, true);
      result.rules.forEach((rule, i) => {
        rules++;
        const parsed = rule.query
          ? sigmaLanguage.parse({
              source: rule.query,
              context: emptyContext(),
              prepared: result.prepared?.[i],
            })
          : null;
        const diagnostics = [...rule.diagnostics, ...(parsed?.diagnostics ?? [])];
        if (hasError(diagnostics) || !parsed)
          failures.push(
            `${file.path}: ${diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('; ')}`,
          );
      });
    }
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const share = (rules - failures.length) / rules;
    console.log(
      `sigma corpus: ${files.length} files, ${recognised} recognised, ${skipped} not; ${rules} rules, ${rules - failures.length} parsed (${(share * 100).toFixed(2)}%) in ${elapsed.toFixed(0)} ms (${cpuMs.toFixed(0)} ms CPU)`,
    );
    if (failures.length) console.log(failures.slice(0, 20).join('\n'));
    expect(recognised + skipped).toBe(files.length);
    expect(share).toBeGreaterThanOrEqual(0.995);
    // Other test workers share the two cores; the process's own CPU time is what the parser costs.
    expect(Math.min(elapsed, cpuMs)).toBeLessThan(3000);
  });
});
