/**
 * What each SPL command does to the pipeline's rows in the model: computed columns (`eval`, `rename`,
 * `fillnull`, `spath … output=`), aggregations (`stats`, `tstats`, `top`, `rare`), columns the model cannot
 * compute (`lookup`, `rex`, `eventstats`, `iplocation`, `convert`), and commands that are not evaluable.
 */
import type { Command } from './ast.js';
import type { Token } from './lexer.js';
import type { Assignment, Expression, Logic, Stage } from '../../model/stage.js';
import { NO_EFFECT, notEvaluableCommand } from './commands.js';
import { aggregationOf, readAggregate, spanMs } from './aggregate.js';
import { toExpression } from './expression.js';
import { expressionFields } from '../kit/expression-fields.js';
import type { PipelineColumns } from './columns.js';

const AGGREGATING = new Set(['stats', 'tstats', 'top', 'rare']);
const field = (name: string): Expression => ({ type: 'field', name });
const literal = (value: string | number | boolean): Expression => ({ type: 'literal', value });
const isWord = (t: Token | undefined, ...words: string[]): boolean =>
  (t?.type === 'word' || t?.type === 'string') && words.includes(t.value.toLowerCase());

/** `key=value` options of a command, lower-case keys. */
function options(args: Token[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i + 2 < args.length; i++)
    if (args[i].type === 'word' && args[i + 1].type === 'op' && args[i + 1].text === '=')
      out.set(args[i].text.toLowerCase(), args[i + 2].value);
  return out;
}

/** Words and strings that are not part of a `key=value` option. */
function positional(args: Token[]): Token[] {
  return args.filter((t, i) => {
    if (t.type !== 'word' && t.type !== 'string') return false;
    const next = args[i + 1];
    const previous = args[i - 1];
    return !(next?.type === 'op' && next.text === '=') && !(previous?.type === 'op' && previous.text === '=');
  });
}

/** Fills the stage's assignments, aggregation or `notEvaluable` for its command, and tracks the columns. */
export function applyCommand(command: Command, stage: Stage, columns: PipelineColumns): void {
  if (command.name === '') return;
  const reason = notEvaluableCommand(command.name);
  if (reason) {
    stage.notEvaluable ??= reason;
    return;
  }
  const name = command.name;
  if (AGGREGATING.has(name)) {
    const spec = readAggregate(command);
    stage.aggregation = aggregationOf(spec, columns.binSpan);
    if (name !== 'tstats' || !options(command.args).has('fillnull_value'))
      stage.logic = withKeys(stage.logic, stage.aggregation.groupBy);
    columns.aggregate(spec.groupBy, spec.measures);
    return;
  }
  switch (name) {
    case 'eval':
      return assign(
        stage,
        columns,
        (command.assignments ?? []).map((a) => ({ field: a.field, expression: toExpression(a.expr) })),
      );
    case 'rename':
      return assign(stage, columns, renames(command.args, columns));
    case 'fillnull':
      return assign(stage, columns, fills(command.args));
    case 'spath':
      return spath(command.args, stage, columns);
    case 'bin':
    case 'bucket': {
      const span = options(command.args).get('span');
      if (span !== undefined && positional(command.args).some((t) => t.value === '_time'))
        columns.binSpan = spanMs(span);
      return;
    }
    case 'eventstats':
    case 'streamstats':
      for (const m of readAggregate(command).measures)
        columns.markOpaque(m.name, `${name} computes over other events`);
      return;
    case 'lookup':
      return lookup(command.args, columns);
    case 'rex':
      return rex(command.args, stage, columns);
    case 'convert':
      return convert(command.args, columns);
    case 'iplocation':
      return columns.markUnnamed('iplocation (a geographic lookup)');
    case 'addtotals':
      return addTotals(command.args, stage, columns);
  }
  if (!NO_EFFECT.has(name) && !['search', 'where', 'regex'].includes(name))
    columns.markUnnamed(`the command ${name}`);
}

/** An event without a value for one of the group keys makes no row (unless tstats fills them). */
function withKeys(logic: Logic | undefined, groupBy: string[]): Logic | undefined {
  const present: Logic[] = groupBy.map((key) => ({
    type: 'expression',
    expression: { type: 'call', name: 'isnotnull', args: [field(key)] },
  }));
  if (present.length === 0) return logic;
  const operands = [...(logic && logic.type !== 'true' ? [logic] : []), ...present];
  return operands.length === 1 ? operands[0] : { type: 'and', operands };
}

function assign(stage: Stage, columns: PipelineColumns, assignments: Assignment[]): void {
  if (assignments.length === 0) return;
  stage.assignments = [...(stage.assignments ?? []), ...assignments];
  for (const a of assignments) columns.assign(a.field, expressionFields(a.expression));
}

/** `rename a AS b, "x.*" AS *`: a wildcard renames each known column it matches (the rows of an aggregation). */
function renames(args: Token[], columns: PipelineColumns): Assignment[] {
  const out: Assignment[] = [];
  for (let i = 0; i + 2 < args.length; i++) {
    if (!isWord(args[i + 1], 'as')) continue;
    const from = args[i].value;
    const to = args[i + 2].value;
    i += 2;
    if (!from.includes('*')) {
      out.push({ field: to, expression: field(from) });
      continue;
    }
    const pattern = new RegExp(`^${from.split('*').map(escapeRegex).join('(.*)')}$`);
    for (const column of columns.rows ?? []) {
      const m = pattern.exec(column);
      if (!m) continue;
      let k = 1;
      out.push({ field: to.replace(/\*/g, () => m[k++] ?? ''), expression: field(column) });
    }
  }
  return out;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** `fillnull value=X a b`: each named field, or X where it has no value. */
function fills(args: Token[]): Assignment[] {
  const value = options(args).get('value') ?? '0';
  return positional(args).map((t) => ({
    field: t.value,
    expression: { type: 'call', name: 'coalesce', args: [field(t.value), { type: 'literal', value }] },
  }));
}

/** `spath path=p output=o` reads a field the event already has; `spath input=x` parses a field's text. */
function spath(args: Token[], stage: Stage, columns: PipelineColumns): void {
  const opts = options(args);
  const path = opts.get('path') ?? positional(args)[0]?.value;
  if (opts.has('input')) {
    if (opts.has('output'))
      columns.markOpaque(opts.get('output')!, `spath extracts from ${opts.get('input')}`);
    else columns.markUnnamed(`spath input=${opts.get('input')}`);
    return;
  }
  const output = opts.get('output');
  if (output !== undefined && path !== undefined)
    assign(stage, columns, [{ field: output, expression: field(path) }]);
}

/** `addtotals fieldname=Score a b`: the sum of the named fields' numbers; without names, of every field. */
function addTotals(args: Token[], stage: Stage, columns: PipelineColumns): void {
  const total = options(args).get('fieldname') ?? 'Total';
  const names = positional(args).map((t) => t.value);
  if (names.length === 0 || names.some((n) => n.includes('*')))
    return columns.markOpaque(total, 'addtotals sums');
  const number = (name: string): Expression => ({
    type: 'call',
    name: 'coalesce',
    args: [{ type: 'call', name: 'tonumber', args: [field(name)] }, literal(0)],
  });
  const sum = names.map(number).reduce((a, b) => ({ type: 'call', name: '+', args: [a, b] }));
  assign(stage, columns, [{ field: total, expression: sum }]);
}

/** `lookup name key [AS field] OUTPUT a [AS b], c`: the outputs are the lookup's, not the events'. */
function lookup(args: Token[], columns: PipelineColumns): void {
  const words = positional(args);
  const at = words.findIndex((t) => isWord(t, 'output', 'outputnew'));
  const table = words[0]?.value ?? 'a lookup';
  if (at < 0) return columns.markUnnamed(`the lookup ${table}`);
  const outputs = words.slice(at + 1);
  for (let i = 0; i < outputs.length; i++) {
    const aliased = isWord(outputs[i + 1], 'as') && outputs[i + 2];
    const column = aliased ? outputs[i + 2].value : outputs[i].value;
    columns.markOpaque(column, `the lookup ${table} sets`);
    if (aliased) i += 2;
  }
}

/**
 * `rex field=x "(?<name>…)"`: each named group is a column, kept as it was where the pattern finds nothing;
 * `max_match` other than 1 gives every match. `mode=sed` rewrites the field itself, which the model cannot.
 */
function rex(args: Token[], stage: Stage, columns: PipelineColumns): void {
  const opts = options(args);
  const source = opts.get('field') ?? '_raw';
  if (opts.get('mode') === 'sed') return columns.markOpaque(source, 'rex mode=sed rewrites');
  const pattern = args.find((t) => t.type === 'string')?.value ?? '';
  if (source === '_raw') {
    // The raw text is the engine's for search terms only; expressions do not read it.
    for (const m of pattern.matchAll(/\(\?P?<([A-Za-z_][\w]*)>/g))
      columns.markOpaque(m[1], 'rex extracts from _raw');
    return;
  }
  const all = (opts.get('max_match') ?? '1') !== '1';
  const groups = [...pattern.matchAll(/\(\?P?<([A-Za-z_][\w]*)>/g)].map((m) => m[1]);
  // Python-style `(?P<name>` is PCRE's spelling of a named group; JavaScript knows only `(?<name>`.
  const js = pattern.replace(/\(\?P</g, '(?<');
  assign(
    stage,
    columns,
    groups.map((name) => ({
      field: name,
      expression: {
        type: 'call',
        name: 'coalesce',
        args: [
          {
            type: 'call',
            name: 'extract',
            args: [field(source), literal(js), literal(name), literal(all)],
          },
          field(name),
        ],
      },
    })),
  );
}

/** `convert ctime(x) AS y`: the converted columns hold text the events do not. */
function convert(args: Token[], columns: PipelineColumns): void {
  for (let i = 0; i + 2 < args.length; i++) {
    if (args[i].type !== 'word' || args[i + 1].type !== 'lparen') continue;
    const inner = args[i + 2];
    const alias = isWord(args[i + 4], 'as') ? args[i + 5] : undefined;
    const column = alias?.value ?? inner.value;
    columns.markOpaque(column, `convert ${args[i].text}() rewrites`);
  }
}
