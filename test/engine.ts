/** Rules and events built in tests: a Sigma rule from its YAML text, a normalized event from its fields. */
import type { EventValue, NormalizedEvent } from '../src/model/event.js';
import type { ParsedRule } from '../src/model/rule.js';
import { readFile } from '../src/analysis/read-file.js';
import { recognize } from '../src/formats/registry.js';
import { parseRule } from '../src/analysis/parse-rule.js';
import { contextFrom } from '../src/analysis/source-context.js';

/** Every rule of a Sigma file's text (several documents for correlations). */
export function sigmaRules(text: string, path = 'test.yml'): ParsedRule[] {
  const file = { path, text, bytes: Buffer.byteLength(text), sourceName: 'test' };
  const result = readFile(file, recognize(file));
  const context = contextFrom(result.artifacts);
  return result.rules.map((rule, i) => parseRule(rule, context, result.prepared?.[i]));
}

/** A process-creation rule around a detection block (indented two spaces per level, starting at column 0). */
export function processRule(detection: string, extra = ''): ParsedRule {
  const body = detection
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  const [rule] = sigmaRules(
    `title: t\nid: 00000000-0000-4000-8000-000000000001\nlogsource:\n  product: windows\n  category: process_creation\n${extra}detection:\n${body}\n`,
  );
  return rule;
}

let index = 0;

/** A normalized event with the record's own fields; a Sysmon process creation unless told otherwise. */
export function testEvent(
  fields: Record<string, EventValue>,
  at: { provider?: string; eventId?: string; time?: number } = {},
): NormalizedEvent {
  const provider = at.provider ?? 'sysmon';
  const eventId = at.eventId ?? '1';
  return {
    type: 'normalized-event',
    record: { type: 'event', shape: 'windows-flat', origin: { file: 'test', index: index++ }, data: fields },
    provider,
    eventId,
    events: [`${provider}:${eventId}`],
    time: at.time,
    fields,
    views: {},
    raw: JSON.stringify(fields),
  };
}
