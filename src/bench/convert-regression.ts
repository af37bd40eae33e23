/** Conversion checked on events: each lossless conversion of a Sigma rule with regression events fires on the same ones. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import type { LanguageId } from '../model/ids.js';
import type { ParsedRule } from '../model/rule.js';
import { rulesFromFiles } from '../analysis/rule-files.js';
import { convertRule } from '../analysis/convert/convert.js';
import { verifyConversion } from '../analysis/convert/verify.js';
import type { Figure } from './figures.js';

const TARGETS: LanguageId[] = ['spl', 'eql', 'kuery', 'lucene', 'esql', 'kusto', 'yaral'];

interface Test {
  rule: ParsedRule;
  events: string;
}

function regressionTests(sigmaRoot: string): Test[] {
  const data = join(sigmaRoot, 'regression_data');
  if (!existsSync(data)) return [];
  const out: Test[] = [];
  const infos = readdirSync(data, { recursive: true, withFileTypes: true }).filter(
    (e) => e.name === 'info.yml',
  );
  for (const e of infos) {
    const info = join(e.parentPath, e.name);
    const ruleFile = join(sigmaRoot, `${relative(data, dirname(info))}.yml`);
    if (!existsSync(ruleFile)) continue;
    const doc = parse(readFileSync(info, 'utf8')) as { regression_tests_info?: Array<{ path?: string }> };
    const [rule] = rulesFromFiles([ruleFile]);
    for (const t of doc.regression_tests_info ?? []) {
      const events = t.path ? join(sigmaRoot, t.path.replace(/\.evtx$/i, '.json')) : '';
      if (rule && existsSync(events)) out.push({ rule, events });
    }
  }
  return out;
}

export async function convertRegressionFigures(corpus: string, emit: (f: Figure) => void): Promise<void> {
  const tests = regressionTests(join(corpus, 'sigma'));
  if (tests.length === 0) return;
  for (const target of TARGETS) {
    let checked = 0;
    let disagreements = 0;
    for (const t of tests) {
      const c = convertRule(t.rule, target);
      if (!c.lossless) continue;
      checked++;
      const v = await verifyConversion(t.rule, c, [t.events]);
      if (v.disagreements.length > 0 || v.notEvaluable) disagreements++;
    }
    emit({
      name: `convert sigma→${target} disagreements on regression events (${checked} lossless of ${tests.length} tests)`,
      value: disagreements,
      unit: 'rules',
      bar: { op: '<', value: 1 },
    });
  }
}
