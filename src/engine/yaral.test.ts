// YARA-L rules on Windows events through their UDM view: every operator the lowering gives, event types,
// match windows and counts, and what is not evaluable.
import { describe, expect, it } from 'vitest';
import type { EventValue, NormalizedEvent } from '../model/event.js';
import { normalizeEvent } from '../events/normalize.js';
import { sigmaRules } from '../../test/engine.js';
import { Hunt } from './hunt.js';

type Fields = Record<string, EventValue>;

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';
let index = 0;

/** A Sysmon record as the windows-flat shape gives it, at `minute` minutes past a fixed time. */
function sysmon(eventId: number, fields: Fields, minute = 0): NormalizedEvent {
  const utc = new Date(Date.UTC(2026, 10, 29, 10, minute)).toISOString().replace('T', ' ').slice(0, 23);
  return normalizeEvent({
    type: 'event',
    shape: 'windows-flat',
    origin: { file: 'test', index: index++ },
    data: { Channel: SYSMON, EventID: eventId, Computer: 'ws01', UtcTime: utc, ...fields },
  });
}

const process = (image: string, commandLine: string, extra: Fields = {}, minute = 0): NormalizedEvent =>
  sysmon(
    1,
    { Image: image, CommandLine: commandLine, ParentImage: 'C:\\Windows\\explorer.exe', ...extra },
    minute,
  );

const BITSADMIN = process(
  'C:\\Windows\\System32\\bitsadmin.exe',
  'bitsadmin /transfer job /download /priority normal http://203.0.113.7/a.exe C:\\Users\\Public\\a.exe',
);
const NOTEPAD = process('C:\\Windows\\System32\\notepad.exe', 'notepad.exe C:\\notes.txt');
const CONNECTION = sysmon(3, {
  Image: 'C:\\Windows\\System32\\bitsadmin.exe',
  DestinationIp: '10.1.2.3',
  DestinationPort: 445,
});

function yaral(events: string, rest = 'condition:\n    $e'): string {
  return `rule r {\n  events:\n    ${events.trim().replaceAll('\n', '\n    ')}\n  ${rest.replaceAll('\n', '\n  ')}\n}\n`;
}

function hunt(rule: string, events: NormalizedEvent[]): { fired: number[][]; notEvaluable: string[] } {
  const h = new Hunt(sigmaRules(rule, 'test.yaral'));
  events.forEach((e) => h.push(e));
  const result = h.finish();
  return {
    fired: result.hits.map((hit) => hit.events.map((o) => events.findIndex((e) => e.record.origin === o))),
    notEvaluable: result.notEvaluable.map((n) => n.reason),
  };
}

/** The positions of the events the single rule fired on, for a rule that must be evaluable. */
function fires(rule: string, events: NormalizedEvent[]): number[] {
  const { fired, notEvaluable } = hunt(rule, events);
  expect(notEvaluable).toEqual([]);
  return fired[0] ?? [];
}

describe('YARA-L on the UDM view', () => {
  it('reads event types, the scope of the event in UDM, through the event catalog', () => {
    const rule = yaral(
      '$e.metadata.event_type = "PROCESS_LAUNCH"\n$e.target.process.file.full_path = "C:\\\\Windows\\\\System32\\\\bitsadmin.exe"',
    );
    expect(fires(rule, [BITSADMIN, NOTEPAD, CONNECTION])).toEqual([0]);
    const network = yaral('$e.metadata.event_type = "NETWORK_CONNECTION"\n$e.target.port = 445');
    expect(fires(network, [BITSADMIN, CONNECTION])).toEqual([1]);
  });

  it('reads product event ids, vendor and log type', () => {
    expect(fires(yaral('$e.metadata.product_event_type = "1"'), [BITSADMIN, CONNECTION])).toEqual([0]);
    const vendor = yaral(
      '$e.metadata.vendor_name = "Microsoft"\n$e.metadata.log_type = "WINDOWS_SYSMON"\n$e.target.port = 445',
    );
    expect(fires(vendor, [BITSADMIN, CONNECTION])).toEqual([1]);
  });

  it('compares with case unless nocase or a case-folding function says otherwise', () => {
    expect(fires(yaral('$e.target.process.file.names = "BITSADMIN.EXE"'), [BITSADMIN])).toEqual([]);
    expect(fires(yaral('$e.target.process.file.names = "BITSADMIN.EXE" nocase'), [BITSADMIN])).toEqual([0]);
    expect(
      fires(yaral('strings.to_lower($e.target.process.command_line) = /\\/TRANSFER/ nocase'), [BITSADMIN]),
    ).toEqual([0]);
  });

  it('evaluates !=, not, and, or with their precedence', () => {
    const events = [BITSADMIN, NOTEPAD, CONNECTION];
    expect(
      fires(
        yaral('$e.metadata.product_event_type = "1"\n$e.target.process.file.names != "notepad.exe"'),
        events,
      ),
    ).toEqual([0]);
    expect(
      fires(yaral('$e.target.process.file.names = "notepad.exe" or $e.target.port = 445'), events),
    ).toEqual([1, 2]);
    const precedence = yaral(
      '$e.target.port = 445 or $e.metadata.product_event_type = "1" and not $e.target.process.file.names = "bitsadmin.exe"',
    );
    expect(fires(precedence, events)).toEqual([1, 2]);
  });

  it('matches regular expressions anywhere in the value, RE2 syntax included', () => {
    expect(
      fires(yaral('re.regex($e.target.process.command_line, `/transfer\\s+\\w+`)'), [BITSADMIN, NOTEPAD]),
    ).toEqual([0]);
    expect(
      fires(yaral('re.regex($e.target.process.file.full_path, `(?P<name>BITSADMIN)\\.exe\\z`) nocase'), [
        BITSADMIN,
      ]),
    ).toEqual([0]);
    expect(
      fires(yaral('re.regex($e.target.process.command_line, `(?i)HTTP://`)'), [BITSADMIN, NOTEPAD]),
    ).toEqual([0]);
    expect(
      fires(
        yaral(
          're.regex($e.target.process.command_line, `notes`) = false\n$e.metadata.product_event_type = "1"',
        ),
        [BITSADMIN, NOTEPAD],
      ),
    ).toEqual([0]);
  });

  it('evaluates string functions and CIDR ranges', () => {
    expect(
      fires(yaral('strings.contains($e.target.process.command_line, "/download")'), [BITSADMIN, NOTEPAD]),
    ).toEqual([0]);
    expect(
      fires(
        yaral(
          '$e.metadata.event_type = "PROCESS_LAUNCH"\nstrings.starts_with($e.target.process.file.full_path, "C:\\\\Windows")',
        ),
        [BITSADMIN, CONNECTION],
      ),
    ).toEqual([0]);
    expect(fires(yaral('net.ip_in_range_cidr($e.target.ip, "10.0.0.0/8")'), [BITSADMIN, CONNECTION])).toEqual(
      [1],
    );
    expect(
      fires(yaral('not net.ip_in_range_cidr($e.target.ip, "10.0.0.0/8")\n$e.target.port > 100'), [
        CONNECTION,
      ]),
    ).toEqual([]);
  });

  it('reads an empty string as an absent field', () => {
    expect(
      fires(yaral('$e.target.ip = ""\n$e.metadata.product_event_type = "1"'), [BITSADMIN, CONNECTION]),
    ).toEqual([0]);
    expect(fires(yaral('$e.target.ip != ""'), [BITSADMIN, CONNECTION])).toEqual([1]);
  });

  it('reads a placeholder as the field it binds', () => {
    const rule = yaral('$e.target.process.file.names = $name\n$name = "bitsadmin.exe"');
    expect(fires(rule, [BITSADMIN, NOTEPAD])).toEqual([0]);
  });
});

describe('YARA-L match windows and counts', () => {
  const run = (minutes: number[]): NormalizedEvent[] =>
    minutes.map((m, i) =>
      process('C:\\Windows\\System32\\whoami.exe', `whoami /${i % 2 ? 'all' : 'priv'}`, {}, m),
    );

  it('fires on each event of a bare variable with a match section (a window fires as its count passes 0)', () => {
    const rule = yaral(
      '$e.target.process.file.names = "whoami.exe"\n$e.principal.hostname = $host',
      'match:\n    $host over 5m\n  condition:\n    $e',
    );
    const h = new Hunt(sigmaRules(rule, 'test.yaral'));
    [...run([0, 1, 30]), NOTEPAD].forEach((e) => h.push(e));
    expect(h.finish().hits.map((hit) => [hit.count, hit.events.length])).toEqual([[3, 3]]);
  });

  it('counts events per match key within the window', () => {
    const rule = yaral(
      '$e.target.process.file.names = "whoami.exe"\n$e.principal.hostname = $host',
      'match:\n    $host over 5m\n  condition:\n    #e >= 3',
    );
    expect(fires(rule, run([0, 1, 2]))).toEqual([0, 1, 2]);
    expect(fires(rule, run([0, 1, 20]))).toEqual([]);
  });

  it('counts the distinct values of a placeholder', () => {
    const rule = yaral(
      '$e.target.process.file.names = "whoami.exe"\n$e.principal.hostname = $host\n$e.target.process.command_line = $cl',
      'match:\n    $host over 5m\n  condition:\n    $e and #cl > 1',
    );
    expect(fires(rule, run([0, 1]))).toEqual([0, 1]);
    expect(fires(rule, run([0, 10]))).toEqual([]);
  });
});
describe('YARA-L functions as expressions', () => {
  it('evaluates the functions the model has, and names the ones it has not', () => {
    const concat = yaral('strings.concat($e.target.process.file.names, "!") = "bitsadmin.exe!"');
    expect(fires(concat, [BITSADMIN, NOTEPAD])).toEqual([0]);
    const hour = yaral('timestamp.get_hour($e.metadata.event_timestamp.seconds) > 20');
    expect(hunt(hour, [BITSADMIN]).notEvaluable).toEqual(['function timestamp.get_hour is not evaluable']);
  });
});

describe('YARA-L rules the engine does not evaluate', () => {
  it('says why: a reference list, a count across several variables', () => {
    expect(hunt(yaral('$e.principal.ip in %blocked'), [CONNECTION]).notEvaluable).toEqual([
      'reference list %blocked has no values here',
    ]);
    const counted = yaral(
      '$a.principal.hostname = $h\n$b.principal.hostname = $h',
      'match:\n    $h over 5m\n  condition:\n    #a > 2 and $b',
    );
    expect(hunt(counted, [BITSADMIN]).notEvaluable).toEqual([
      'the condition is not evaluated: a count in a rule of several event variables',
    ]);
  });
});

describe('YARA-L rules of several event variables', () => {
  const launchThenConnect = `$p.metadata.event_type = "PROCESS_LAUNCH"
$p.target.process.file.names = "bitsadmin.exe"
$p.principal.hostname = $host
$n.metadata.event_type = "NETWORK_CONNECTION"
$n.target.port = 445
$n.principal.hostname = $host`;
  const other = (minute: number): NormalizedEvent =>
    sysmon(
      3,
      { Image: 'C:\\x.exe', DestinationIp: '10.1.2.3', DestinationPort: 445, Computer: 'ws02' },
      minute,
    );
  const launch = (minute: number): NormalizedEvent =>
    process('C:\\Windows\\System32\\bitsadmin.exe', 'bitsadmin /list', {}, minute);
  const connect = (minute: number): NormalizedEvent =>
    sysmon(3, { Image: 'C:\\x.exe', DestinationIp: '10.1.2.3', DestinationPort: 445 }, minute);

  it('fire when each variable has an event sharing the placeholders within the window, in any order', () => {
    const rule = yaral(launchThenConnect, 'match:\n    $host over 5m\n  condition:\n    $p and $n');
    expect(fires(rule, [connect(0), launch(2)])).toEqual([0, 1]);
    expect(fires(rule, [launch(0), connect(20)])).toEqual([]);
    expect(fires(rule, [launch(0), other(1)])).toEqual([]);
  });

  it('fire in event time order when the rule compares the variables timestamps', () => {
    const ordered = `${launchThenConnect}\n$p.metadata.event_timestamp.seconds < $n.metadata.event_timestamp.seconds`;
    const rule = yaral(ordered, 'match:\n    $host over 5m\n  condition:\n    $p and $n');
    expect(fires(rule, [launch(0), connect(2)])).toEqual([0, 1]);
    expect(fires(rule, [connect(0), launch(2)])).toEqual([]);
  });

  it('say an absent variable cannot be settled over a stream', () => {
    const rule = yaral(launchThenConnect, 'match:\n    $host over 5m\n  condition:\n    $p and !$n');
    expect(hunt(rule, [launch(0)]).notEvaluable).toEqual([
      'join kind=leftanti needs the absence of events, which a stream cannot settle',
    ]);
  });
});
