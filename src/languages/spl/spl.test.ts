/** Tests of the SPL parser on specific values: macros, lowering rules, positions and robustness. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQuery } from '../../../test/parse.js';
import type { MacroDefinition, SourceContext } from '../../model/artifact.js';
import type { ParsedQuery } from '../../model/stage.js';
import { parseCall } from './macros.js';

function context(...defs: [string, string, string[]?][]): SourceContext {
  const macros = new Map<string, MacroDefinition>();
  for (const [name, definition, args = []] of defs) {
    macros.set(args.length ? `${name}(${args.length})` : name, {
      type: 'macro',
      name,
      args,
      definition,
      path: 'm.yml',
    });
  }
  return { macros, dataSources: new Map() };
}

function predicates(q: ParsedQuery, stage = 0): string[] {
  return q.stages[stage].predicates.map(
    (p) => `${p.negated ? 'NOT ' : ''}${p.field} ${p.op} ${p.values.join('|')}`,
  );
}

describe('macro expansion', () => {
  it('keys calls by name and arity', () => {
    expect(parseCall('name')).toEqual({ name: 'name', args: [], key: 'name' });
    expect(parseCall('f(a, "b, c", g(x, y))')).toEqual({
      name: 'f',
      args: ['a', '"b, c"', 'g(x, y)'],
      key: 'f(3)',
    });
  });

  it('substitutes arguments and keeps the original text for display', () => {
    const ctx = context(['is', '$f$=$v$', ['f', 'v']]);
    const q = parseQuery('spl', 'index=a `is(EventCode, 4688)`', undefined, ctx);
    expect(q.stages[0].text).toBe('index=a `is(EventCode, 4688)`');
    expect(predicates(q)).toEqual(['index eq a', 'EventCode eq 4688']);
    // The expanded predicate points back at the macro call.
    expect(q.stages[0].predicates[1].span?.start).toMatchObject({ line: 1, column: 9 });
    expect(q.stages[0].predicates[1].span?.end).toMatchObject({ line: 1, column: 30 });
  });

  it('expands recursively and stops a cycle with a positioned diagnostic', () => {
    const ctx = context(['a', '`b` x=1'], ['b', '`a`']);
    const q = parseQuery('spl', 'foo\n  `a`', undefined, ctx);
    expect(q.diagnostics).toHaveLength(1);
    expect(q.diagnostics[0]).toMatchObject({ severity: 'error', line: 2, column: 3 });
    expect(predicates(q)).toEqual(['x eq 1']);
  });

  it('stops a doubling macro at the size limit with one diagnostic, quickly', () => {
    // m0 calls m1 twice, m1 calls m2 twice, ...: 2^28 calls, within the depth limit, if nothing stopped it.
    const defs = Array.from({ length: 28 }, (_, i): [string, string] => [
      `m${i}`,
      i === 27 ? 'x=1' : `\`m${i + 1}\` OR \`m${i + 1}\``,
    ]);
    const started = performance.now();
    const q = parseQuery('spl', 'index=a\n `m0`', undefined, context(...defs));
    expect(performance.now() - started).toBeLessThan(10_000);
    const large = q.diagnostics.filter((d) => d.code === 'spl/macro-too-large');
    expect(large).toHaveLength(1);
    expect(large[0]).toMatchObject({ severity: 'error', line: 2, column: 2 });
    expect(large[0].message).toMatch(/^Macro expansion grows too large \(over 100,000 characters at m\d+\)/);
  });

  it('stops a chain deeper than the limit as too deep, not as a cycle', () => {
    const defs = Array.from({ length: 50 }, (_, i): [string, string] => [
      `d${i}`,
      i === 49 ? 'x=1' : `\`d${i + 1}\``,
    ]);
    const q = parseQuery('spl', '`d0`', undefined, context(...defs));
    expect(q.diagnostics.map((d) => d.code)).toEqual(['spl/macro-too-large']);
    expect(q.diagnostics[0].message).toContain('nests too deeply (30 calls: d0 → … → d30)');
  });

  it('lists unknown macros as unresolved, not as errors, and drops `search *` macros', () => {
    const ctx = context(['noop_filter', 'search *']);
    const q = parseQuery('spl', '`get_data` foo | `noop_filter` | `other_macro`', undefined, ctx);
    expect(q.diagnostics).toEqual([]);
    expect(q.unresolved).toEqual(['get_data', 'other_macro']);
    expect(q.stages.map((s) => s.kind)).toEqual(['search', 'macro']);
    expect(q.stages[1]).toMatchObject({ name: 'other_macro', text: '| `other_macro`' });
    expect(q.stages[1].notEvaluable).toBe('it calls the macro other_macro, which its source does not define');
  });

  it('knows the macros security_content calls without defining: `<name>_filter` and drop_dm_object_name', () => {
    const q = parseQuery(
      'spl',
      '| tstats count from datamodel=Endpoint.Processes by Processes.dest | `drop_dm_object_name(Processes)` | `x_filter`',
    );
    expect(q.unresolved).toEqual([]);
    expect(q.stages.map((s) => s.kind)).toEqual(['tstats', 'rename']);
    expect(q.stages[1].assignments).toEqual([
      { field: 'dest', expression: { type: 'field', name: 'Processes.dest' } },
    ]);
  });

  it('skips ```comments``` and leaves backticks inside strings alone', () => {
    const q = parseQuery('spl', 'a ```note `x` ``` b="`y`"');
    expect(q.unresolved).toEqual([]);
    expect(predicates(q)).toEqual(['b eq `y`']);
  });
});

describe('lowering', () => {
  it('reads search values case-insensitively, where == and CASE() case-sensitively', () => {
    const q = parseQuery('spl', 'a=X CASE(b=Y) | where c=="Z"');
    expect(q.stages[0].predicates.map((p) => p.caseSensitive)).toEqual([false, true]);
    expect(q.stages[1].predicates[0].caseSensitive).toBe(true);
  });

  it('gives tstats predicates the data model as scope and the data model as a source', () => {
    const q = parseQuery(
      'spl',
      '| tstats count from datamodel=Endpoint.Processes where Processes.process_name=bitsadmin.exe by Processes.dest',
    );
    expect(q.stages[0].predicates[0]).toMatchObject({
      field: 'Processes.process_name',
      op: 'eq',
      values: ['bitsadmin.exe'],
      scope: 'Endpoint.Processes',
    });
    expect(q.dataSources).toEqual([{ type: 'datasource', kind: 'datamodel', value: 'Endpoint.Processes' }]);
  });

  it('marks fields computed by eval with what they derive from', () => {
    const q = parseQuery('spl', '| eval p=lower(process), n=1 | where p="x" AND n=1');
    expect(q.stages[1].predicates.map((p) => p.derivedFrom)).toEqual([['process'], undefined]);
  });

  it('hangs subsearch stages from the stage that holds them', () => {
    const q = parseQuery('spl', 'a [search b [search c] | fields x] | stats count');
    expect(q.stages.map((s) => [s.kind, s.parent])).toEqual([
      ['search', undefined],
      ['search', 0],
      ['search', 1],
      ['fields', 0],
      ['stats', undefined],
    ]);
  });
});

describe('robustness', () => {
  it('never throws and always returns positioned diagnostics on random input', () => {
    const alphabet = fc.constantFrom(
      ...'ab =!<>()[]|`"\\,*%. \nNOTORIN'.split(''),
      'NOT ',
      ' OR ',
      '| where ',
      '| eval x=',
      '[search ',
      'TERM(',
      '`m(',
      '```',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), (parts) => {
        const q = parseQuery(
          'spl',
          parts.join(''),
          undefined,
          context(['m', '`m` a'], ['m(1)', '$x$ `m`', ['x']]),
        );
        for (const d of q.diagnostics) expect(d.line >= 1 && d.column >= 1).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
