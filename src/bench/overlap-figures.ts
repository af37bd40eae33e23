/**
 * Overlap figures: rule relations over the whole catalog computed from scratch, and every stored `narrower` or
 * `equivalent` claim checked with the engine on SigmaHQ's regression events (violations must be 0).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import type { NormalizedEvent } from '../model/event.js';
import { Catalog } from '../catalog/catalog.js';
import { verifyClaims } from '../analysis/overlap/index.js';
import { normalizeEvent } from '../events/normalize.js';
import { readEvents } from '../events/read.js';
import type { Figure } from './figures.js';

export async function regressionEvents(regressionData: string): Promise<NormalizedEvent[]> {
  if (!existsSync(regressionData)) return [];
  const files = readdirSync(regressionData, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(e.parentPath, e.name));
  const diagnostics: Diagnostic[] = [];
  const events: NormalizedEvent[] = [];
  for await (const record of readEvents(files, diagnostics)) events.push(normalizeEvent(record));
  return events;
}

/** Relations of the whole catalog from scratch: the bar's line, then where the time went. */
export function relationFigures(catalog: Catalog): Figure[] {
  catalog.forgetRelations();
  const cpu = process.cpuUsage();
  const r = catalog.refreshRelations();
  const cpuMs = Math.round(process.cpuUsage(cpu).user / 1000);
  return [
    {
      name: 'overlap relations, whole catalog',
      value: r.elapsedMs,
      unit: 'ms',
      bar: { op: '<', value: 5000 },
    },
    {
      name: `overlap relations, CPU (${r.rules} rules, ${r.pairs} candidate pairs, ${r.written / 2} related; forms ${r.formsMs} ms, relate ${r.relateMs} ms, store ${r.storeMs} ms)`,
      value: cpuMs,
      unit: 'ms',
    },
  ];
}

export async function overlapFigures(
  db: string,
  regressionData: string,
  emit: (f: Figure) => void,
): Promise<void> {
  const catalog = Catalog.open(db);
  try {
    for (const f of relationFigures(catalog)) emit(f);
    const { claims, rules } = catalog.containmentClaims();
    const check = verifyClaims(claims, rules, await regressionEvents(regressionData));
    emit({
      name: `overlap claims violated by the engine (${check.claims} narrower/equivalent claims, ${check.exercised} fired on ${check.events} regression events)`,
      value: check.violations.length,
      unit: 'claims',
      bar: { op: '<', value: 1 },
    });
  } finally {
    catalog.close();
  }
}
