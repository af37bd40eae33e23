/** What a Sigma correlation counts: referenced rules, group-by fields, timespan, field aliases. */
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { Predicate } from '../../model/predicate.js';
import type { Aggregation } from '../../model/stage.js';
import { durationMs, thresholdLogic } from './condition-logic.js';
import { keyText } from './rule-yaml.js';

function value(map: YAMLMap, key: string): unknown {
  return map.items.find((p) => keyText(p) === key)?.value;
}

function strings(node: unknown): string[] {
  if (isScalar(node) && node.value !== null) return [String(node.value)];
  if (isSeq(node)) return node.items.flatMap((item) => strings(item));
  return [];
}

/** `aliases: {name: {rule: field}}` as name → rule → field. */
function aliases(node: unknown): Record<string, Record<string, string>> | undefined {
  if (!isMap(node)) return undefined;
  const out: Record<string, Record<string, string>> = Object.create(null) as Record<
    string,
    Record<string, string>
  >;
  for (const pair of node.items) {
    const name = keyText(pair);
    if (name === undefined || !isMap(pair.value)) continue;
    const perRule: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const entry of pair.value.items) {
      const rule = keyText(entry);
      const field = strings(entry.value)[0];
      if (rule !== undefined && field !== undefined) perRule[rule] = field;
    }
    out[name] = perRule;
  }
  return out;
}

export function correlationAggregation(map: YAMLMap, type: string, thresholds: Predicate[]): Aggregation {
  const out: Aggregation = {
    type: 'aggregation',
    function: type,
    groupBy: strings(value(map, 'group-by')),
    rules: strings(value(map, 'rules')),
    threshold: thresholdLogic(thresholds),
  };
  const field = thresholds.find((p) => p.derivedFrom)?.derivedFrom?.[0];
  if (field) out.field = field;
  const windowMs = durationMs(strings(value(map, 'timespan') ?? value(map, 'timeframe'))[0]);
  if (windowMs !== undefined) out.windowMs = windowMs;
  const named = aliases(value(map, 'aliases'));
  if (named) out.aliases = named;
  return out;
}
