/** Elastic rules and Windows events built in tests: a rule from its query and type, an event from its fields. */
import type { EventValue, NormalizedEvent } from '../src/model/event.js';
import type { ParsedRule } from '../src/model/rule.js';
import { normalizeEvent } from '../src/events/normalize.js';
import { readFile } from '../src/analysis/read-file.js';
import { recognize } from '../src/formats/registry.js';
import { parseRule } from '../src/analysis/parse-rule.js';
import { contextFrom } from '../src/analysis/source-context.js';

export interface ElasticRuleOptions {
  type?: string;
  /** TOML lines added to `[rule]` (`from = "now-9m"`) and tables after it (`[rule.threshold]`). */
  extra?: string;
}

let ruleCount = 0;

/** An Elastic detection rule of `language` around `query`, read and parsed as the catalog would. */
export function elasticRule(language: string, query: string, options: ElasticRuleOptions = {}): ParsedRule {
  const id = `00000000-0000-4000-8000-${String(++ruleCount).padStart(12, '0')}`;
  const type = options.type ?? (language === 'eql' ? 'eql' : 'query');
  const text = `[metadata]\ncreation_date = "2026/11/29"\n\n[rule]\nname = "rule ${ruleCount}"\nrule_id = "${id}"\nlanguage = "${language}"\ntype = "${type}"\nquery = '''\n${query}\n'''\n${options.extra ?? ''}`;
  const file = { path: `rule-${ruleCount}.toml`, text, bytes: Buffer.byteLength(text), sourceName: 'test' };
  const result = readFile(file, recognize(file));
  const [rule] = result.rules.map((r, i) =>
    parseRule(r, contextFrom(result.artifacts), result.prepared?.[i]),
  );
  return rule;
}

let eventIndex = 0;

const CHANNELS: Readonly<Record<string, string>> = {
  sysmon: 'Microsoft-Windows-Sysmon/Operational',
  security: 'Security',
  powershell: 'Microsoft-Windows-PowerShell/Operational',
};

/** A Windows event normalized as the engine sees it (views included): a Sysmon process creation unless told. */
export function windowsEvent(
  fields: Record<string, EventValue>,
  at: { log?: keyof typeof CHANNELS; eventId?: number; time?: string } = {},
): NormalizedEvent {
  const data: Record<string, EventValue> = {
    EventID: at.eventId ?? 1,
    Channel: CHANNELS[at.log ?? 'sysmon'],
    Computer: 'ws01.example.org',
    ...(at.time ? { UtcTime: at.time } : {}),
    ...fields,
  };
  return normalizeEvent({
    type: 'event',
    shape: 'windows-flat',
    origin: { file: 'test', index: eventIndex++ },
    data,
  });
}
