/** The bad-input corpus with the file-system cases: one CLI ingest finishes within issue 19's time and memory bars. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAD_INPUT_BARS, runBadInputIngest } from '../src/bench/bad-input-run.js';

describe.skipIf(!existsSync(resolve('dist/cli/main.js')))('a bad-input ingest', () => {
  it('finishes in under 15 s with a peak RSS under 512 MiB, every file accounted for', () => {
    const run = runBadInputIngest();
    expect(run.wallMs).toBeLessThan(BAD_INPUT_BARS.wallMs);
    expect(run.report.peakRssMiB).toBeLessThan(BAD_INPUT_BARS.peakRssMiB);
    expect(run.report.skippedByReason).toMatchObject({ FIFO: 1, 'broken link': 1, 'link loop': 1 });
    expect(run.report.rules).toBeGreaterThan(5000);
  }, 120_000);
});
