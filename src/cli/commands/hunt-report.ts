/** What `hunt` prints and writes: hits, the per-language summary, rules not evaluable, the fired-coverage layer. */
import { plural } from '../../text/plural.js';
import { writeFileSync } from 'node:fs';
import type { ParsedRule } from '../../model/rule.js';
import type { Catalog } from '../../catalog/catalog.js';
import { loadAttack } from '../../knowledge/attack/index.js';
import { coverageMatrix, firedLayer, type CoverageRule } from '../../analysis/coverage/index.js';
import type { HuntHit, HuntResult } from '../../engine/index.js';
import type { HuntSummary } from '../../engine/hunt-summary.js';
import { percent, print, printJson, printTable } from '../output.js';

export interface HuntReport {
  result: HuntResult;
  rules: readonly ParsedRule[];
  summary: HuntSummary;
  elapsedMs: number;
  explain: boolean;
}

function hitJson(hit: HuntHit, explain: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ruleId: hit.ruleId,
    title: hit.title,
    language: hit.language,
    source: hit.source,
    path: hit.path,
    events: hit.events.map((e) => ({
      file: e.file,
      index: e.index,
      ...(e.recordId !== undefined && { recordId: e.recordId }),
    })),
    count: hit.count,
  };
  if (explain && hit.explanations) out.explanations = hit.explanations;
  return out;
}

/** Each rule not evaluated, with its language and title beside the engine's reason. */
function notEvaluableJson({ result, rules }: HuntReport): Array<Record<string, string>> {
  const byId = new Map(rules.map((r) => [r.rule.id, r.rule]));
  return result.notEvaluable.map((n) => {
    const rule = byId.get(n.ruleId);
    return {
      ruleId: n.ruleId,
      language: rule?.language ?? 'none',
      title: rule?.title ?? '',
      reason: n.reason,
    };
  });
}

export function printHuntJson(report: HuntReport): void {
  const { result, summary } = report;
  printJson({
    events: result.events,
    rules: result.rules,
    languages: summary.languages,
    hits: result.hits.map((h) => hitJson(h, report.explain)),
    notEvaluable: notEvaluableJson(report),
    notEvaluableByReason: summary.notEvaluable,
    crossLanguage: summary.crossLanguage,
    elapsedMs: report.elapsedMs,
  });
}

function printHits(hits: HuntHit[], explain: boolean): void {
  for (const hit of hits) {
    print(`${hit.title}  [${hit.language}] ${hit.source}:${hit.path}  ${plural(hit.count, 'event')}`);
    for (const e of hit.events.slice(0, 5))
      print(`  ${e.file}#${e.index}${e.recordId !== undefined ? ` record ${e.recordId}` : ''}`);
    if (hit.events.length > 5) print(`  … ${hit.events.length - 5} more`);
    if (!explain) continue;
    for (const x of hit.explanations ?? []) {
      print(`  why ${x.event.file}#${x.event.index}:`);
      for (const p of x.predicates) {
        const value = p.eventValues
          ? ` = ${JSON.stringify(p.eventValues.length === 1 ? p.eventValues[0] : p.eventValues)}`
          : '';
        print(
          `    ${p.stage}: ${p.negated ? 'NOT ' : ''}${p.field ?? '(keyword)'} ${p.op} ${JSON.stringify(p.values)}${value}`,
        );
      }
    }
  }
}

/** Reasons shown per language in the text report; `--json` lists them all. */
const REASONS_SHOWN = 3;

export function printHuntText(report: HuntReport): void {
  const { result, summary } = report;
  printHits(result.hits, report.explain);
  print();
  printTable(
    ['language', 'rules', 'evaluable', 'evaluable %', 'fired', 'events with a hit'],
    summary.languages.map((l) => [
      l.language,
      l.rules,
      l.evaluable,
      percent(l.evaluable, l.rules),
      l.fired,
      l.events,
    ]),
  );
  if (summary.notEvaluable.length) {
    print();
    print('not evaluable (rules, per language, most common reasons first):');
    for (const l of summary.languages) {
      const reasons = summary.notEvaluable.filter((r) => r.language === l.language);
      for (const r of reasons.slice(0, REASONS_SHOWN)) print(`  ${l.language}  ${r.rules}  ${r.reason}`);
      if (reasons.length > REASONS_SHOWN)
        print(`  ${l.language}  … ${reasons.length - REASONS_SHOWN} more reasons`);
    }
  }
  const cross = summary.crossLanguage.slice(0, 5);
  if (cross.length) {
    print();
    print('events with hits in several languages:');
    for (const c of cross)
      print(
        `  ${c.event.file}#${c.event.index}  ${plural(c.languages.length, 'language')} (${c.languages.join(', ')}), ${plural(c.rules, 'rule')}`,
      );
  }
  print();
  print(
    `${plural(result.hits.length, 'rule')} fired on ${plural(result.events, 'event')}; ${plural(result.rules, 'rule')}, ${result.notEvaluable.length} not evaluable; ${report.elapsedMs} ms`,
  );
}

function coverageRule(r: {
  id: string;
  title: string;
  language: string;
  source: string;
  techniques: string[];
}): CoverageRule {
  return { id: r.id, title: r.title, language: r.language, source: r.source, techniques: r.techniques };
}

/** The techniques that fired next to those the hunted rules cover, as a Navigator layer (format 4.5). */
export function writeHuntLayer(
  file: string,
  result: HuntResult,
  rules: readonly ParsedRule[],
  catalog: Catalog | undefined,
): void {
  const attack = loadAttack({ catalog });
  const covered = coverageMatrix(
    rules.map(({ rule }) =>
      coverageRule({
        id: rule.id,
        title: rule.title,
        language: rule.language ?? 'none',
        source: rule.source.name,
        techniques: rule.attack.techniques,
      }),
    ),
    attack.data,
  );
  const fired = coverageMatrix(
    result.hits.map((h) =>
      coverageRule({
        id: h.ruleId,
        title: h.title,
        language: h.language,
        source: h.source,
        techniques: h.techniques,
      }),
    ),
    attack.data,
  );
  const layer = firedLayer(covered, fired, attack.data, {
    name: 'ruleatlas hunt: techniques that fired',
    events: result.events,
  });
  writeFileSync(file, `${JSON.stringify(layer, null, 2)}\n`);
}
