/** What is not an indicator: YARA-L placeholder bindings and joins, and ECS parent arguments kept apart from command lines. */
import { describe, expect, it } from 'vitest';
import { yaralLanguage } from '../languages/yaral/index.js';
import { eqlLanguage } from '../languages/eql/index.js';
import { emptyContext } from '../languages/language.js';
import { indicatorsOf } from './indicators.js';
import { equivalents } from '../knowledge/fields/index.js';

const start = { line: 1, column: 1, offset: 0 };

function yaral(events: string) {
  const text = `rule r {\n events:\n  ${events.trim().replaceAll('\n', '\n  ')}\n match:\n  $host over 5m\n condition:\n  $e and $e2\n}`;
  return yaralLanguage.parse({ source: { language: 'yaral', text, start }, context: emptyContext() });
}

const shown = (q: Parameters<typeof indicatorsOf>[0]) =>
  indicatorsOf(q).map((i) => `${i.field} [${i.canonical}] ${i.op} ${i.value}`);

describe('YARA-L bindings are not indicators', () => {
  it('leaves placeholder bindings, either way round, and joins between events out', () => {
    const q = yaral(`
$e.metadata.event_type = "PROCESS_LAUNCH"
$e.principal.hostname = $host
$host = $e.principal.hostname
$e.principal.user.userid = $user
$e2.principal.user.userid = $user
$e.principal.process.pid = $e2.target.process.pid
$e2.metadata.event_type = "NETWORK_CONNECTION"`);
    expect(q.diagnostics).toEqual([]);
    expect(shown(q)).toEqual([
      'metadata.event_type [event.category] eq PROCESS_LAUNCH',
      'metadata.event_type [event.category] eq NETWORK_CONNECTION',
    ]);
    // A path bound twice to one placeholder compares nothing: no predicate at all.
    const predicates = q.stages.flatMap((s) => s.predicates);
    expect(predicates.filter((p) => p.op === 'fieldref')).toEqual([]);
  });

  it('keeps a comparison between two different paths of one event, as a field reference and not an indicator', () => {
    const q = yaral(`
$e.principal.hostname = $host
$e.target.hostname = $host
$e2.principal.hostname = $host`);
    const refs = q.stages.flatMap((s) => s.predicates).filter((p) => p.op === 'fieldref');
    expect(refs.map((p) => `${p.field} = ${p.values[0]}`)).toEqual(['principal.hostname = target.hostname']);
    expect(shown(q)).toEqual([]);
  });
});

describe('EQL process.parent.args', () => {
  it('is the parent process arguments, not its command line nor the process command line', () => {
    const text = 'process where process.parent.name : "svchost.exe" and process.parent.args : "BITS"';
    const q = eqlLanguage.parse({ source: { language: 'eql', text, start }, context: emptyContext() });
    expect(shown(q)).toEqual([
      'process.parent.name [process.parent.name] eq svchost.exe',
      'process.parent.args [process.parent.args] eq bits',
    ]);
    // One argument is a word of the parent's command line, never of the process's own.
    expect(equivalents({ canonical: 'process.parent.args', op: 'eq', value: 'bits' })).toEqual([
      { canonical: 'process.parent.command_line', op: 'match', value: 'bits' },
    ]);
    // A command line holding more than one word is not one argument.
    expect(
      equivalents({ canonical: 'process.parent.command_line', op: 'match', value: 'svchost -k bits' }),
    ).toEqual([]);
  });
});
