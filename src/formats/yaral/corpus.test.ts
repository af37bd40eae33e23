// Every file of the chronicle/detection-rules corpus through the YARA-L reader and parser: counts, parse share and time.
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, filesUnder } from '../../../test/corpus.js';
import { emptyContext } from '../../languages/language.js';
import { yaralLanguage } from '../../languages/yaral/index.js';
import { hasError } from '../../text/diagnostics.js';
import type { SourceFile } from '../format.js';
import { yaralReader } from './index.js';

const root = corpusPath('yaral');

describe.skipIf(!root)('the chronicle/detection-rules corpus', () => {
  it('reads and parses at least 98% of the rules with no error, fast', () => {
    const files: SourceFile[] = filesUnder(root!).map((path) => ({
      path: relative(root!, path),
      text: readFileSync(path, 'utf8'),
      bytes: statSync(path).size,
      sourceName: 'yaral',
    }));
    const yaralFiles = files.filter((f) => f.path.endsWith('.yaral')).length;
    let recognised = 0;
    let rules = 0;
    let predicates = 0;
    const failures: string[] = [];
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    for (const file of files) {
      if (yaralReader.recognize(file) === undefined) continue;
      recognised++;
      for (const rule of yaralReader.read(file, true).rules) {
        rules++;
        const parsed = rule.query
          ? yaralLanguage.parse({ source: rule.query, context: emptyContext() })
          : null;
        predicates += parsed?.stages.reduce((n, s) => n + s.predicates.length, 0) ?? 0;
        const diagnostics = [...rule.diagnostics, ...(parsed?.diagnostics ?? [])];
        if (hasError(diagnostics) || !parsed)
          failures.push(
            `${file.path}: ${diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('; ')}`,
          );
      }
    }
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const share = (rules - failures.length) / rules;
    console.log(
      `yaral corpus: ${files.length} files (${yaralFiles} .yaral), ${recognised} recognised; ${rules} rules, ${rules - failures.length} parsed (${(share * 100).toFixed(2)}%), ${predicates} predicates, in ${elapsed.toFixed(0)} ms (${cpuMs.toFixed(0)} ms CPU)`,
    );
    if (failures.length) console.log(failures.slice(0, 40).join('\n'));
    expect(recognised).toBe(yaralFiles);
    expect(share).toBeGreaterThanOrEqual(0.98);
    // Other test workers share the two cores; the process's own CPU time is what the reader and parser cost.
    expect(Math.min(elapsed, cpuMs)).toBeLessThan(1500);
  });
});
