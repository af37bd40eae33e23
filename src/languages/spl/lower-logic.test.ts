/** The model the SPL lowering gives the engine: logic trees, computed columns, aggregations and not-evaluable stages. */
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../test/parse.js';
import type { Expression, Logic, ParsedQuery, Stage } from '../../model/stage.js';

function expression(e: Expression): string {
  switch (e.type) {
    case 'field':
      return e.name;
    case 'literal':
      return JSON.stringify(e.value);
    case 'list':
      return `[${e.items.map(expression).join(', ')}]`;
    case 'call':
      return `${e.name}${e.caseSensitive === false ? '~' : ''}(${e.args.map(expression).join(', ')})`;
  }
}

/** A stage's tree in one line: predicates as `field op values`, terms as `"value"`, expressions as calls. */
function tree(stage: Stage, node: Logic | undefined = stage.logic): string {
  if (!node) return '(none)';
  switch (node.type) {
    case 'and':
    case 'or':
      return `${node.type}(${node.operands.map((o) => tree(stage, o)).join(', ')})`;
    case 'not':
      return `not(${tree(stage, node.operand)})`;
    case 'predicate': {
      const p = stage.predicates[node.index];
      return `${p.field} ${p.op}${p.caseSensitive ? '' : '~'} ${p.values.join('|')}`.trimEnd();
    }
    case 'term':
      return JSON.stringify(stage.terms[node.index].value);
    case 'expression':
      return expression(node.expression);
    default:
      return node.type;
  }
}

const spl = (text: string): ParsedQuery => parseQuery('spl', text);

describe('search logic', () => {
  it('binds the implicit AND loosest, OR tighter, and keeps terms in the tree', () => {
    const q = spl('a=1 OR b=2 c NOT d="x y"');
    expect(tree(q.stages[0])).toBe('and(or(a eq~ 1, b eq~ 2), "c", not(d eq~ x y))');
  });

  it('reads f!=v as "f has a value and it is not v", NOT f=v as "not v"', () => {
    expect(tree(spl('a!=1').stages[0])).toBe('and(isnotnull(a), not(a eq~ 1))');
    expect(tree(spl('NOT a=1').stages[0])).toBe('not(a eq~ 1)');
    expect(spl('a!=1').stages[0].predicates[0].negated).toBe(true);
  });

  it('splits IN lists into exact values and globs, ORed, with SPL backslashes kept literal', () => {
    const q = spl('Processes.process IN ("*\\\\temp\\\\*", "x.exe", "what?")');
    expect(tree(q.stages[0])).toBe(
      'or(Processes.process eq~ x.exe|what?, Processes.process wildcard~ *\\temp\\\\*)',
    );
  });

  it('reads field=* as exists and leaves data source selectors and time bounds to the data sources', () => {
    const q = spl(
      'index=main sourcetype=XmlWinEventLog:Security earliest=-24h user=* (Channel=Security OR source=WinEventLog:Security)',
    );
    // An OR with a selector the catalog knows holds for the events the data sources choose.
    expect(tree(q.stages[0])).toBe('user exists~');
    expect(q.dataSources.map((d) => `${d.kind}:${d.value}`)).toEqual([
      'index:main',
      'sourcetype:XmlWinEventLog:Security',
      'source:WinEventLog:Security',
    ]);
    // No catalog event comes from a sourcetype it does not know: the event's own field is tested.
    expect(tree(spl('sourcetype=PwSh:bootloader OR eventtype=okta_log').stages[0])).toBe(
      'or(sourcetype eq~ PwSh:bootloader, eventtype eq~ okta_log)',
    );
  });

  it('keeps TERM() and CASE() on their terms, and CASE(f=v) compares with case', () => {
    const q = spl('TERM(10.0.0.1) CASE(Admin) CASE(user=Bob)');
    expect(tree(q.stages[0])).toBe('and("10.0.0.1", "Admin", user eq Bob)');
    expect(q.stages[0].terms.map((t) => [t.value, t.whole ?? false, t.caseSensitive ?? false])).toEqual([
      ['10.0.0.1', true, false],
      ['Admin', false, true],
      ['user=Bob', false, true],
    ]);
  });
});

describe('where and eval', () => {
  it('makes predicates of comparisons and filter functions, expressions of the rest', () => {
    const q = spl(
      'search x | where len(cmd) > 100 AND (like(p, "%\\\\a.exe") OR match(c, "(?i)-enc")) AND isnull(u)',
    );
    expect(tree(q.stages[1])).toBe(
      'and(and(>(len(cmd), 100), or(p ends_with \\a.exe, c regex~ (?i)-enc)), not(u exists~))',
    );
  });

  it('keeps like() with `_` and lower(x)="MiXed" as expressions, which the predicate would read otherwise', () => {
    const q = spl('search x | where like(a, "a_b%") OR lower(b)="MiXed" OR lower(c)="ok"');
    expect(tree(q.stages[1])).toBe('or(or(like(a, "a_b%"), ==(lower(b), "MiXed")), c eq~ ok)');
  });

  it('lowers eval assignments onto the model vocabulary', () => {
    const q = spl(
      'search x | eval n=mvcount(split(a, ",")), s=substr(b, 2, 3), r=if(match(c, "(?i)x"), 1, 0), t=case(a="1", "one", true(), "other")',
    );
    expect(q.stages[1].assignments?.map((a) => `${a.field}=${expression(a.expression)}`)).toEqual([
      'n=mvcount(split(a, ","))',
      's=substr(b, 1, 3)',
      'r=if(regex~(c, "x"), 1, 0)',
      't=case(==(a, "1"), "one", true, "other")',
    ]);
  });
});

describe('aggregations', () => {
  it('counts by keys with measures, and the stage after filters the rows', () => {
    const q = spl(
      'search EventCode=4625 | stats count dc(user) as users min(_time) as firstTime by src | where count > 5',
    );
    expect(q.stages[1].aggregation).toEqual({
      type: 'aggregation',
      function: 'count',
      groupBy: ['src'],
      threshold: { type: 'true' },
      measures: [
        { name: 'count', function: 'count' },
        { name: 'users', function: 'dc', field: 'user' },
        { name: 'firstTime', function: 'min', field: '_time' },
      ],
    });
    expect(tree(q.stages[1])).toBe('isnotnull(src)');
    expect(tree(q.stages[2])).toBe('count gt 5');
  });

  it('reads tstats where and by, and a span on _time as the window', () => {
    const q = spl(
      '| tstats summariesonly=false count from datamodel=Endpoint.Processes where Processes.process_name=x.exe by _time Processes.dest span=1h | rename Processes.* as *',
    );
    const [tstats, rename] = q.stages;
    // Splunk makes no row of an event without a value for a group key, unless tstats fills them.
    expect(tree(tstats)).toBe('and(Processes.process_name eq~ x.exe, isnotnull(Processes.dest))');
    const filled = spl(
      '| tstats fillnull_value="null" count from datamodel=Endpoint.Processes by Processes.dest',
    );
    expect(tree(filled.stages[0])).toBe('(none)');
    expect(tstats.aggregation).toMatchObject({ groupBy: ['Processes.dest'], windowMs: 3_600_000 });
    expect(rename.assignments).toEqual([
      { field: 'dest', expression: { type: 'field', name: 'Processes.dest' } },
    ]);
  });

  it('takes the window of a bin on _time before stats', () => {
    const q = spl('search x | bin _time span=5m | stats count by _time user');
    expect(q.stages[2].aggregation).toMatchObject({ groupBy: ['user'], windowMs: 300_000 });
  });
});

describe('not evaluable', () => {
  const reasons = (text: string): (string | undefined)[] => spl(text).stages.map((s) => s.notEvaluable);

  it('says why for lookups, ML, metrics and joins', () => {
    expect(reasons('| inputlookup admins.csv')).toEqual([
      'reads a lookup table (inputlookup), which events do not carry',
    ]);
    expect(reasons('search x | join user [search y]')[1]).toBe('joins the results of a subsearch (join)');
    expect(reasons('search x | apply model_1')[1]).toBe('applies a machine learning model (apply)');
  });

  it('marks a filter on a column the model cannot compute, not the command that computes it', () => {
    expect(reasons('search x | lookup ports port OUTPUT bad AS is_bad | search is_bad=true')).toEqual([
      undefined,
      undefined,
      'the engine cannot evaluate the filter: it reads is_bad, which the lookup ports sets',
    ]);
    expect(reasons('search x | rex "(?<n>\\d+)" | eval m=n*2 | where m > 3')[3]).toBe(
      'the engine cannot evaluate the filter: it reads m, which is computed from n, which rex extracts from _raw',
    );
    expect(reasons('search x | rex field=u "(?<n>\\d+)" | eval m=n*2 | where m > 3')[3]).toBeUndefined();
    expect(reasons('search x | lookup ports port OUTPUT bad | table port bad')).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('marks a search that takes values from a subsearch', () => {
    expect(reasons('search x NOT [| inputlookup allow.csv | fields user]')[0]).toBe(
      'it uses the results of a subsearch',
    );
  });
});
