/**
 * The bad-input corpus with the file-system cases: one CLI ingest finishes within the time bar, every file
 * accounted for. Peak RSS is held to the product's 1 GiB here; its 512 MiB bar is measured by `npm run bench`
 * and is missed today (about 880 MiB: a parse worker's heap on the 2,000-document Sigma file and the giants).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAD_INPUT_BARS, runBadInputIngest } from '../src/bench/bad-input-run.js';

describe.skipIf(!existsSync(resolve('dist/cli/main.js')))('a bad-input ingest', () => {
  it('finishes in under 15 s with a peak RSS under 1 GiB, every file accounted for', () => {
    const run = runBadInputIngest();
    expect(run.wallMs).toBeLessThan(BAD_INPUT_BARS.wallMs);
    expect(run.report.peakRssMiB).toBeLessThan(1024);
    expect(run.report.skippedByReason).toMatchObject({ FIFO: 1, 'broken link': 1, 'link loop': 1 });
    expect(run.report.rules).toBeGreaterThan(5000);
  }, 120_000);
});
