/** `ruleatlas test [PATH...] [--json]`: runs rules' own test data (SigmaHQ regression tests) through the engine. */
import { existsSync } from 'node:fs';
import { print, printJson, UsageError } from '../output.js';
import { runRegression } from '../regression.js';

export interface TestCommandOptions {
  json?: boolean;
}

export async function testCommand(paths: string[], options: TestCommandOptions): Promise<number> {
  const roots = paths.length ? paths : ['.'];
  const missing = roots.find((p) => !existsSync(p));
  if (missing) throw new UsageError(`No such file or folder: ${missing}`);
  const report = await runRegression(roots);
  if (options.json) printJson(report);
  else {
    for (const f of report.failed) print(`FAIL ${f.ruleId} ${f.path}\n     ${f.input}: ${f.why}`);
    for (const t of report.notRunnable) print(`NOT RUNNABLE ${t.ruleId} ${t.path}\n     ${t.data}: ${t.why}`);
    const skipped = report.notRunnable.length ? `; ${report.notRunnable.length} not runnable` : '';
    print(`${report.passed}/${report.tests} tests passed${skipped}`);
  }
  return report.failed.length || report.tests === 0 ? 1 : 0;
}
