/** Conversion figures (SPEC §7): the lossless share per language pair over the corpora's single-event rules. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LanguageId } from '../model/ids.js';
import type { ParsedRule } from '../model/rule.js';
import { rulesFromFiles } from '../analysis/rule-files.js';
import { convertRule } from '../analysis/convert/convert.js';
import type { Figure } from './figures.js';

/** The pairs the bars name: Sigma to each native language, each native collection to Sigma. */
const FROM_SIGMA: LanguageId[] = ['spl', 'eql', 'kuery', 'esql', 'kusto', 'lucene', 'yaral'];
const BARRED = new Set<LanguageId>(['spl', 'eql', 'kuery', 'esql', 'kusto']);
const TO_SIGMA: Record<string, string[]> = {
  splunk: ['detections', 'macros'],
  elastic: ['rules'],
  kql: ['.'],
};

/** No aggregation, sequence, join or stage the engine refuses: the rules the bars are about. */
export function singleEvent(r: ParsedRule): boolean {
  const q = r.query;
  if (!q || q.diagnostics.some((d) => d.severity === 'error')) return false;
  return q.stages.every((s) => !s.aggregation && !s.sequence && !s.join && !s.notEvaluable);
}

function share(name: string, rules: ParsedRule[], target: LanguageId, bar?: number): Figure[] {
  let lossless = 0;
  let claimsNotEquivalent = 0;
  for (const r of rules) {
    const c = convertRule(r, target);
    if (c.lossless) lossless++;
    if (c.lossless && !c.roundTrip.equivalent) claimsNotEquivalent++;
  }
  const value = rules.length === 0 ? 0 : (100 * lossless) / rules.length;
  return [
    {
      name: `convert ${name} lossless (${lossless} of ${rules.length})`,
      value,
      unit: '%',
      ...(bar ? { bar: { op: '>=', value: bar } } : {}),
    },
    {
      name: `convert ${name} lossless claims not equivalent`,
      value: claimsNotEquivalent,
      unit: 'rules',
      bar: { op: '<', value: 1 },
    },
  ];
}

export function convertFigures(corpus: string, emit: (f: Figure) => void): void {
  const sigma = join(corpus, 'sigma', 'rules');
  if (existsSync(sigma)) {
    const rules = rulesFromFiles([sigma], { language: 'sigma' }).filter(singleEvent);
    for (const target of FROM_SIGMA)
      for (const f of share(`sigma→${target}`, rules, target, BARRED.has(target) ? 95 : undefined)) emit(f);
  }
  for (const [name, folders] of Object.entries(TO_SIGMA)) {
    const paths = folders.map((f) => join(corpus, name, f)).filter(existsSync);
    if (paths.length === 0) continue;
    const rules = rulesFromFilesTogether(paths).filter(singleEvent);
    for (const f of share(`${name}→sigma`, rules, 'sigma', 80)) emit(f);
  }
}

/** Splunk detections need their macros: one source read together. */
function rulesFromFilesTogether(paths: string[]): ParsedRule[] {
  return rulesFromFiles(paths).filter((r) => r.rule.language !== null && r.rule.language !== 'sigma');
}
