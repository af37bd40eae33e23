/** `--verify`: the source rule and its conversion run by the engine on the same events must fire on the same ones. */
import type { ParsedRule } from '../../model/rule.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { EventOrigin } from '../../model/event.js';
import { Hunt } from '../../engine/index.js';
import { normalizeEvent } from '../../events/normalize.js';
import { readEvents } from '../../events/read.js';
import type { Conversion } from './convert.js';

export interface Verification {
  events: number;
  source: number;
  converted: number;
  /** Events (`file#index`) on which one fired and the other did not. */
  disagreements: string[];
  /** Why the engine could not evaluate one of them, when it could not. */
  notEvaluable?: string;
}

function key(e: EventOrigin): string {
  return `${e.file}#${e.index}`;
}

export async function verifyConversion(
  source: ParsedRule,
  conversion: Conversion,
  paths: string[],
): Promise<Verification> {
  const converted: ParsedRule = {
    rule: { ...source.rule, id: `${source.rule.id}#${conversion.target}`, language: conversion.target },
    query: conversion.parsed ?? null,
  };
  const hunt = new Hunt([source, converted]);
  const diagnostics: Diagnostic[] = [];
  let events = 0;
  for await (const record of readEvents(paths, diagnostics)) {
    hunt.push(normalizeEvent(record));
    events++;
  }
  const result = hunt.finish();
  const fired = (id: string): Set<string> =>
    new Set((result.hits.find((h) => h.ruleId === id)?.events ?? []).map(key));
  const a = fired(source.rule.id);
  const b = fired(converted.rule.id);
  const disagreements = [...[...a].filter((x) => !b.has(x)), ...[...b].filter((x) => !a.has(x))];
  const notEvaluable = result.notEvaluable.map((n) => `${n.ruleId}: ${n.reason}`).join('; ');
  return {
    events,
    source: a.size,
    converted: b.size,
    disagreements,
    ...(notEvaluable ? { notEvaluable } : {}),
  };
}
