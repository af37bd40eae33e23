/**
 * Rule test data: SigmaHQ's `regression_data/**\/info.yml` (rule id, `.evtx` path, `match_count`), each test
 * run on the `.evtx` and on its `.json` twin. `match_count` is the least number of events the rule must fire
 * on (0: none), as SigmaHQ's samples hold more matching records than some tests declare. Splunk detections'
 * `tests:` under the same paths are listed as not runnable (`splunk-tests.ts`).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ParsedRule } from '../model/rule.js';
import { rulesFromFiles } from '../analysis/rule-files.js';
import { Hunt } from '../engine/index.js';
import { normalizeEvent } from '../events/normalize.js';
import { readEvents } from '../events/read.js';
import { splunkTests, type NotRunnableTest } from './splunk-tests.js';

export interface RegressionFailure {
  ruleId: string;
  path: string;
  input: string;
  expected: number | null;
  got: number;
  why: string;
}

export interface RegressionReport {
  tests: number;
  passed: number;
  failed: RegressionFailure[];
  /** Tests other formats carry that cannot run here (Splunk `tests:` whose attack data is not on this machine). */
  notRunnable: NotRunnableTest[];
}

interface TestInfo {
  name?: string;
  path?: string;
  match_count?: number;
}

interface InfoFile {
  rule_metadata?: Array<{ id?: string }>;
  regression_tests_info?: TestInfo[];
}

function infoFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return basename(path) === 'info.yml' ? [path] : [];
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name === 'info.yml')
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The folder that holds `regression_data`: test paths and rule paths are relative to it. */
function sigmaRoot(info: string): string | undefined {
  const parts = resolve(info).split(sep);
  const at = parts.lastIndexOf('regression_data');
  return at < 0 ? undefined : parts.slice(0, at).join(sep) || sep;
}

/** Finds rules by id: first the file beside the test's place (`regression_data/x/y/info.yml` → `x/y.yml`). */
class RuleFinder {
  private everything: Map<string, ParsedRule> | undefined;

  constructor(private readonly root: string) {}

  find(id: string, info: string): ParsedRule | undefined {
    const rel = relative(join(this.root, 'regression_data'), dirname(info));
    const beside = join(this.root, `${rel}.yml`);
    if (existsSync(beside)) {
      const found = rulesFromFiles([beside]).find((r) => r.rule.id === id);
      if (found) return found;
    }
    this.everything ??= new Map(
      rulesFromFiles(
        readdirSync(this.root)
          .filter((d) => d.startsWith('rules'))
          .map((d) => join(this.root, d)),
        { language: 'sigma' },
      ).map((r) => [r.rule.id, r]),
    );
    return this.everything.get(id);
  }
}

/** The rule file a test belongs to, relative to the Sigma root. */
function rulePath(root: string, info: string): string {
  return `${relative(join(root, 'regression_data'), dirname(info))}.yml`;
}

/** Matches of one rule on one file; a rule the engine cannot evaluate is a failure with its reason. */
async function runOne(rule: ParsedRule, input: string): Promise<{ got: number; why?: string }> {
  const hunt = new Hunt([rule]);
  if (hunt.notEvaluable.length) return { got: 0, why: `not evaluable: ${hunt.notEvaluable[0].reason}` };
  const diagnostics: Diagnostic[] = [];
  for await (const record of readEvents([input], diagnostics)) hunt.push(normalizeEvent(record));
  const result = hunt.finish();
  const got = result.hits.reduce((n, h) => n + h.events.length, 0);
  const error = diagnostics.find((d) => d.severity === 'error');
  return error ? { got, why: `reading the events: ${error.message}` } : { got };
}

export async function runRegression(paths: readonly string[]): Promise<RegressionReport> {
  const report: RegressionReport = { tests: 0, passed: 0, failed: [], notRunnable: splunkTests(paths) };
  const finders = new Map<string, RuleFinder>();
  for (const info of paths.flatMap(infoFiles)) {
    const root = sigmaRoot(info) ?? dirname(info);
    const finder = finders.get(root) ?? new RuleFinder(root);
    finders.set(root, finder);
    const doc = (parse(readFileSync(info, 'utf8')) ?? {}) as InfoFile;
    const ruleId = String(doc.rule_metadata?.[0]?.id ?? '');
    for (const test of doc.regression_tests_info ?? []) {
      if (!test.path) continue;
      const evtx = join(root, test.path);
      const inputs = [evtx, evtx.replace(/\.evtx$/i, '.json')];
      const rule = finder.find(ruleId, info);
      for (const input of inputs) {
        report.tests++;
        const expected = typeof test.match_count === 'number' ? test.match_count : null;
        const fail = (got: number, why: string): void => {
          report.failed.push({ ruleId, path: rule ? rulePath(root, info) : info, input, expected, got, why });
        };
        if (!rule) fail(0, `no rule with id ${ruleId} under ${root}`);
        else if (!existsSync(input)) fail(0, 'the input file is missing');
        else {
          const { got, why } = await runOne(rule, input);
          const least = expected ?? 1;
          if (why) fail(got, why);
          else if (least === 0 ? got !== 0 : got < least)
            fail(
              got,
              least === 0
                ? `fired on ${got} events, expected none`
                : `fired on ${got} events, expected at least ${least}`,
            );
          else report.passed++;
        }
      }
    }
  }
  return report;
}
