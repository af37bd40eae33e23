// EQL as the engine evaluates it, through the ECS view of Windows events: categories, operators and their `~`
// forms, functions, and/or/not precedence, sequences, samples and pipes; rules that fire and rules that must not.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { EventValue, NormalizedEvent } from '../model/event.js';
import { elasticRule, windowsEvent } from '../../test/elastic-engine.js';
import { readEventText } from '../events/read.js';
import { normalizeEvent } from '../events/normalize.js';
import { parseRule } from '../analysis/parse-rule.js';
import { readFile } from '../analysis/read-file.js';
import { recognize } from '../formats/registry.js';
import { contextFrom } from '../analysis/source-context.js';
import { Hunt } from './hunt.js';

type Fields = Record<string, EventValue>;
type At = Parameters<typeof windowsEvent>[1];

/** The positions of the events the one rule fired on. */
function fired(query: string, events: Array<Fields | [Fields, At]>): number[] {
  const hunt = new Hunt([elasticRule('eql', query)]);
  expect(hunt.notEvaluable).toEqual([]);
  const normalized: NormalizedEvent[] = events.map((e) =>
    Array.isArray(e) ? windowsEvent(e[0], e[1]) : windowsEvent(e),
  );
  normalized.forEach((e) => hunt.push(e));
  const hit = hunt.finish().hits[0];
  // An event matching two steps of a sequence (`with runs=2`) is listed once per step.
  return [...new Set((hit?.events ?? []).map((o) => normalized.findIndex((e) => e.record.origin === o)))];
}

const CMD = { Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd.exe /c whoami' };
const PS = {
  Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
  CommandLine: 'powershell -enc AAA',
};
const UPPER = { Image: 'C:\\WINDOWS\\SYSTEM32\\CMD.EXE', CommandLine: 'CMD.EXE /C DIR' };

describe('EQL event categories', () => {
  it('reads a category as the events of its activity, and any as every event', () => {
    const file: [Fields, At] = [
      { Image: 'C:\\Windows\\System32\\cmd.exe', TargetFilename: 'C:\\x.txt' },
      { eventId: 11 },
    ];
    expect(fired('process where process.name : "cmd.exe"', [CMD, file])).toEqual([0]);
    expect(fired('file where process.name : "cmd.exe"', [CMD, file])).toEqual([1]);
    expect(fired('any where process.name : "cmd.exe"', [CMD, file])).toEqual([0, 1]);
  });

  it('reads ECS event.type, event.category and host.os.type of a Sysmon process creation', () => {
    const query =
      'process where host.os.type == "windows" and event.type == "start" and event.category == "process"';
    expect(fired(query, [CMD, [CMD, { eventId: 5 }]])).toEqual([0]);
  });
});

describe('EQL operators', () => {
  it('compares with : without case and with == with case', () => {
    expect(fired('process where process.name : "cmd.exe"', [CMD, UPPER, PS])).toEqual([0, 1]);
    expect(fired('process where process.name == "cmd.exe"', [CMD, UPPER, PS])).toEqual([0]);
    expect(fired('process where process.name != "cmd.exe"', [CMD, UPPER, PS])).toEqual([1, 2]);
  });

  it('compares a caseless field with == without case', () => {
    expect(fired('process where process.name.caseless == "cmd.exe"', [CMD, UPPER, PS])).toEqual([0, 1]);
  });

  it('reads * and ? in : as wildcards (a * crosses backslashes), a backslash before them as a backslash', () => {
    const query = 'process where process.executable : "?:\\\\Windows\\\\System32\\\\*.exe"';
    expect(
      fired(query, [CMD, PS, { Image: 'D:\\Windows\\System32\\x.exe' }, { Image: 'C:\\Temp\\x.exe' }]),
    ).toEqual([0, 1, 2]);
  });

  it('matches any of a list with :, in and in~, and none of it with not in', () => {
    expect(fired('process where process.name : ("x.exe", "CMD.EXE")', [CMD, PS])).toEqual([0]);
    expect(fired('process where process.name in ("x.exe", "cmd.exe")', [CMD, UPPER])).toEqual([0]);
    expect(fired('process where process.name in~ ("x.exe", "cmd.exe")', [CMD, UPPER, PS])).toEqual([0, 1]);
    expect(fired('process where process.name not in ("cmd.exe")', [CMD, UPPER, PS])).toEqual([1, 2]);
  });

  it('takes like with case and like~ without', () => {
    expect(fired('process where process.name like "cmd.*"', [CMD, UPPER])).toEqual([0]);
    expect(fired('process where process.name like~ "cmd.*"', [CMD, UPPER])).toEqual([0, 1]);
  });

  it('matches regex against the whole value, regex~ without case', () => {
    expect(
      fired('process where process.name regex "cmd\\\\.exe"', [CMD, UPPER, { Image: 'C:\\xcmd.exe' }]),
    ).toEqual([0]);
    expect(fired('process where process.name regex~ "cmd\\\\.[a-z]+"', [CMD, UPPER, PS])).toEqual([0, 1]);
  });

  it('tests a field against null as its absence', () => {
    const noLine = { Image: 'C:\\a.exe' };
    expect(fired('process where process.command_line == null', [CMD, noLine])).toEqual([1]);
    expect(fired('process where process.command_line != null', [CMD, noLine])).toEqual([0]);
  });

  it('reads and before or, and not on its operand only', () => {
    const query =
      'process where process.name : "powershell.exe" or process.name : "cmd.exe" and not process.args : "whoami"';
    expect(fired(query, [CMD, PS, { Image: 'C:\\cmd.exe', CommandLine: 'cmd /c dir' }])).toEqual([1, 2]);
    const grouped =
      'process where (process.name : "powershell.exe" or process.name : "cmd.exe") and not process.args : "whoami"';
    expect(fired(grouped, [CMD, PS])).toEqual([1]);
  });

  it('reads process.args as the command line split into arguments', () => {
    expect(fired('process where process.args : "/c" and process.args_count == 3', [CMD, PS, UPPER])).toEqual([
      0, 2,
    ]);
  });
});

describe('EQL functions', () => {
  it('lowers startsWith, endsWith and stringContains with case, their ~ forms without', () => {
    expect(fired('process where startsWith(process.command_line, "cmd")', [CMD, UPPER])).toEqual([0]);
    expect(fired('process where startsWith~(process.command_line, "cmd")', [CMD, UPPER])).toEqual([0, 1]);
    expect(fired('process where endsWith~(process.executable, "\\\\CMD.EXE")', [CMD, PS])).toEqual([0]);
    expect(fired('process where stringContains(process.command_line, "-enc")', [CMD, PS])).toEqual([1]);
  });

  it('matches cidrMatch on addresses', () => {
    const net = (ip: string): [Fields, At] => [{ Image: 'C:\\a.exe', DestinationIp: ip }, { eventId: 3 }];
    expect(
      fired('network where cidrMatch(destination.ip, "10.0.0.0/8", "192.168.0.0/16")', [
        net('10.1.2.3'),
        net('8.8.8.8'),
        net('192.168.1.1'),
      ]),
    ).toEqual([0, 2]);
  });

  it('evaluates length and arithmetic as expressions', () => {
    expect(fired('process where length(process.command_line) > 16', [CMD, PS, UPPER])).toEqual([0, 1]);
    expect(fired('process where length(process.executable) - length(process.name) > 20', [CMD, PS])).toEqual([
      1,
    ]);
  });
});

describe('EQL sequences and pipes', () => {
  const at = (second: number, fields: Fields, eventId = 1): [Fields, At] => [
    fields,
    { eventId, time: `2026-11-29 10:00:${String(second).padStart(2, '0')}.000` },
  ];
  const parent = { Image: 'C:\\a.exe', ProcessGuid: '{A}', CommandLine: 'a' };
  const child = { Image: 'C:\\b.exe', ProcessGuid: '{B}', ParentProcessGuid: '{A}', CommandLine: 'b' };
  const other = { Image: 'C:\\b.exe', ProcessGuid: '{C}', ParentProcessGuid: '{Z}', CommandLine: 'b' };

  it('fires a sequence by a shared key, in order, within maxspan', () => {
    const query =
      'sequence by host.id with maxspan=10s [process where process.name : "a.exe"] [process where process.name : "b.exe"]';
    expect(fired(query, [at(0, parent), at(5, child)])).toEqual([0, 1]);
    expect(fired(query, [at(0, child), at(5, parent)])).toEqual([]);
    expect(fired(query, [at(0, parent), at(30, child)])).toEqual([]);
  });

  it('joins steps on their own keys, in position', () => {
    const query =
      'sequence [process where process.name : "a.exe"] by process.entity_id [process where process.name : "b.exe"] by process.parent.entity_id';
    expect(fired(query, [at(0, parent), at(1, other), at(2, child)])).toEqual([0, 2]);
  });

  it('cancels a pending sequence on until', () => {
    const query =
      'sequence by host.id [process where process.name : "a.exe"] [process where process.name : "b.exe"] until [process where process.name : "c.exe"]';
    expect(fired(query, [at(0, parent), at(1, { Image: 'C:\\c.exe' }), at(2, child)])).toEqual([]);
    expect(fired(query, [at(0, parent), at(2, child)])).toEqual([0, 1]);
  });

  it('needs each step of a category from that category', () => {
    const query = 'sequence by host.id [process where true] [file where true]';
    expect(fired(query, [at(0, parent), at(1, child)])).toEqual([]);
    expect(fired(query, [at(0, parent), at(1, { TargetFilename: 'C:\\x' }, 11)])).toEqual([0, 1]);
  });

  it('repeats a step with runs and takes a sample in any order', () => {
    const runs = 'sequence by host.id [process where process.name : "b.exe"] with runs=2';
    expect(fired(runs, [at(0, child)])).toEqual([]);
    expect(fired(runs, [at(0, child), at(1, other)])).toEqual([0, 1]);
    const sample =
      'sample by host.id [process where process.name : "a.exe"] [process where process.name : "b.exe"]';
    expect(fired(sample, [at(0, child), at(1, parent)]).sort()).toEqual([0, 1]);
  });

  it('passes events through head, tail and unique, and filters them with filter', () => {
    expect(fired('process where process.name : "cmd.exe" | head 5', [CMD, PS])).toEqual([0]);
    expect(fired('process where true | filter process.name : "cmd.exe" | tail 1', [CMD, PS])).toEqual([0]);
  });

  it('refuses a sequence step that must not occur, with a reason', () => {
    const hunt = new Hunt([
      elasticRule('eql', 'sequence by host.id [process where true] ![file where true]'),
    ]);
    expect(hunt.notEvaluable.map((n) => n.reason)).toEqual([
      'a sequence step that must not occur (![...]) is not evaluated',
    ]);
  });
});

describe('the seed Elastic rule', () => {
  it('fires on the process BITS runs for its notify command line, not on bitsadmin setting it', () => {
    const seed = '../shared/seeds/rules/seed-elastic-bits-notify-cmdline.toml';
    let text: string;
    try {
      text = readFileSync(seed, 'utf8');
    } catch {
      return; // The shared seeds are absent outside the workspace.
    }
    const file = { path: seed, text, bytes: Buffer.byteLength(text), sourceName: 'seeds' };
    const read = readFile(file, recognize(file));
    const rule = parseRule(read.rules[0], contextFrom(read.artifacts), read.prepared?.[0]);
    const fixture = readFileSync('test/fixtures/events/bits-notify-cmdline-sysmon1.ndjson', 'utf8');
    const events = [...readEventText(fixture, 'bits.ndjson', [])].map(normalizeEvent);
    const hunt = new Hunt([rule]);
    events.forEach((e) => hunt.push(e));
    expect(hunt.finish().hits.map((h) => h.events.map((o) => o.recordId))).toEqual([[7002]]);
  });
});
