/** The SPL pipeline grammar: stages split on `|`, each a command whose arguments its own grammar reads. */
import type { Command, Pipeline } from './ast.js';
import { lex, type Token } from './lexer.js';
import { splitStages, type Range, type StageSlice } from './pipeline.js';
import { literalOf, parseSearchExpression, type ParseEnv } from './search-parser.js';
import type { Problem } from '../kit/problem.js';
import { parseAssignments, parseEvalCondition } from './eval-parser.js';
import { isKnownCommand } from './commands.js';
import { describeToken } from '../../text/diagnostics.js';
import { NestingDepth, tooDeepProblem } from '../kit/depth.js';

/** Commands whose bracketed argument is a pipeline that starts with a command, not a search. */
const SUBPIPELINE_COMMANDS = new Set(['appendpipe']);
/** Commands whose brackets are templates, not subsearches. */
const TEMPLATE_COMMANDS = new Set(['foreach']);

export interface ParseOptions {
  /** The first stage names a command (inside `appendpipe [...]`) instead of being an implicit search. */
  firstIsCommand?: boolean;
  /** The nesting of the whole query, which subsearches share with the searches and expressions around them. */
  depth?: NestingDepth;
}

/** Parses text[range) as a pipeline; problems go to `problems`, offsets stay those of `text`. */
export function parsePipeline(
  text: string,
  range: Range,
  problems: Problem[],
  options: ParseOptions = {},
): Pipeline {
  const slices = splitStages(text, range.start, range.end, problems);
  const depth = options.depth ?? new NestingDepth();
  const commands: Command[] = [];
  slices.forEach((slice, i) => {
    commands.push(parseStage(text, slice, problems, i === 0 && !options.firstIsCommand, depth));
  });
  return { commands, start: range.start, end: range.end };
}

function envFor(text: string, problems: Problem[], depth: NestingDepth, firstIsCommand = false): ParseEnv {
  return {
    text,
    problems,
    depth,
    parseSubsearch: (range) => {
      if (!depth.enter()) {
        problems.push(tooDeepProblem('[', { start: range.start - 1, end: range.start }));
        return { commands: [], start: range.start, end: range.end };
      }
      const pipeline = parsePipeline(text, range, problems, { firstIsCommand, depth });
      depth.leave();
      return pipeline;
    },
  };
}

function parseStage(
  text: string,
  slice: StageSlice,
  problems: Problem[],
  implicitSearch: boolean,
  depth: NestingDepth,
): Command {
  const argsFrom = slice.pipe === null ? slice.start : slice.pipe + 1;
  const head = lex(text, argsFrom, slice.end, 'search', slice.subsearches);
  const base = { pipe: slice.pipe, start: slice.pipe ?? slice.start, end: slice.end, subsearches: [] };
  if (
    implicitSearch &&
    !(head[0]?.type === 'word' && head[0].text.toLowerCase() === 'search' && slice.pipe === null)
  ) {
    return {
      ...base,
      name: 'search',
      args: head,
      search: parseSearchExpression(head, envFor(text, problems, depth)),
    };
  }
  const nameToken = head[0];
  if (!nameToken) return { ...base, name: '', args: [] };
  if (nameToken.type !== 'word') {
    problems.push({
      message: `Unexpected ${describeToken(nameToken.text)}, expected a command name`,
      severity: 'error',
      kind: 'unexpected-token',
      start: nameToken.start,
      end: nameToken.end,
    });
    return { ...base, name: '', args: head };
  }
  const name = nameToken.text.toLowerCase();
  const args = head.slice(1);
  const command: Command = { ...base, name, written: nameToken.text, args };
  if (!isKnownCommand(name)) {
    problems.push({
      message: `Unexpected command ${describeToken(nameToken.text)}, expected a Splunk search command`,
      severity: 'warning',
      kind: 'unknown-name',
      start: nameToken.start,
      end: nameToken.end,
    });
  }
  readArguments(command, text, slice, nameToken, problems, depth);
  return command;
}

/** Each command's arguments by its own grammar; any command's subsearches are parsed as pipelines. */
function readArguments(
  command: Command,
  text: string,
  slice: StageSlice,
  nameToken: Token,
  problems: Problem[],
  depth: NestingDepth,
): void {
  const env = envFor(text, problems, depth, SUBPIPELINE_COMMANDS.has(command.name));
  const args = command.args;
  switch (command.name) {
    case 'search':
      command.search = parseSearchExpression(args, env);
      return;
    case 'where':
      command.args = lex(text, nameToken.end, slice.end, 'eval', slice.subsearches);
      command.condition = parseEvalCondition(command.args, env);
      return;
    case 'eval':
      command.args = lex(text, nameToken.end, slice.end, 'eval', slice.subsearches);
      command.assignments = parseAssignments(command.args, env);
      return;
    case 'tstats':
      readTstats(command, env);
      break;
    case 'datamodel':
      readDatamodel(command);
      break;
    case 'from':
      readFrom(command);
      break;
    case 'regex':
      readRegex(command, problems);
      break;
  }
  if (TEMPLATE_COMMANDS.has(command.name)) return;
  const searched = command.search;
  for (const t of command.args) {
    // Subsearches inside a tstats where clause were parsed with it.
    if (t.type !== 'subsearch' || (searched && t.start >= searched.start && t.end <= searched.end)) continue;
    command.subsearches.push(env.parseSubsearch({ start: t.start + 1, end: t.end - 1 }));
  }
}

/** `tstats [options] aggregates from datamodel=X.Y where <search> by <fields>`, clauses in any order. */
function readTstats(command: Command, env: ParseEnv): void {
  const args = command.args;
  for (let i = 0; i + 2 < args.length; i++) {
    if (args[i].type !== 'word' || args[i + 1].text !== '=') continue;
    const key = args[i].text.toLowerCase();
    if (key === 'datamodel') command.datamodel = args[i + 2].value;
    else if (key === 'nodename') command.nodename = args[i + 2].value;
  }
  for (let i = 0; i < args.length; i++) {
    if (args[i].type !== 'word' || args[i].text.toLowerCase() !== 'where') continue;
    const end = clauseEnd(args, i + 1);
    const clause = args.slice(i + 1, end).filter((t, k, all) => !isNodename(all, k));
    command.search = parseSearchExpression(clause, env);
    i = end - 1;
  }
  // `from datamodel=Network_Resolution where nodename=DNS` reads the DNS data set of the model.
  if (command.datamodel && command.nodename && !command.datamodel.includes('.'))
    command.datamodel = `${command.datamodel}.${command.nodename}`;
}

/** The where clause ends at `by`/`groupby` at the top level, or at the next clause keyword. */
function clauseEnd(args: Token[], from: number): number {
  let depth = 0;
  for (let i = from; i < args.length; i++) {
    const t = args[i];
    if (t.type === 'lparen') depth++;
    else if (t.type === 'rparen') depth--;
    else if (depth === 0 && t.type === 'word' && /^(by|groupby|from)$/i.test(t.text) && !t.glued) return i;
  }
  return args.length;
}

/** `nodename=X` inside a tstats where clause names the data set, it filters nothing. */
function isNodename(all: Token[], k: number): boolean {
  const at = (i: number): string => all[i]?.text.toLowerCase() ?? '';
  return (
    at(k) === 'nodename' ||
    (at(k - 1) === 'nodename' && at(k) === '=') ||
    (at(k - 2) === 'nodename' && at(k - 1) === '=')
  );
}

/** `datamodel Endpoint Processes search` names the data model and data set as two words. */
function readDatamodel(command: Command): void {
  const words = command.args.filter((t) => t.type === 'word' || t.type === 'string').map((t) => t.value);
  if (words.length === 0) return;
  const [model, dataset] = words;
  const modes = /^(search|flat|acceleration_search)$/i;
  command.datamodel =
    dataset && !modes.test(dataset) && !dataset.includes('=') ? `${model}.${dataset}` : model;
}

/** `from datamodel:Endpoint.Processes` and the older `from datamodel Endpoint.Processes`. */
function readFrom(command: Command): void {
  const [first, second] = command.args;
  if (first?.type !== 'word') return;
  if (/^datamodel:/i.test(first.text))
    command.datamodel = first.text.slice('datamodel:'.length).replace(/^"|"$/g, '');
  else if (/^datamodel$/i.test(first.text) && second && second.type !== 'op')
    command.datamodel = second.value;
}

/** `regex field="re"` / `regex field!="re"` / `regex "re"` (on _raw): a regex filter. */
function readRegex(command: Command, problems: Problem[]): void {
  const args = command.args;
  const op = args.findIndex((t) => t.type === 'op');
  if (op > 0 && args[op + 1] && (args[op].text === '=' || args[op].text === '!=')) {
    command.regex = {
      field: args[op - 1].value,
      pattern: literalOf(args[op + 1]),
      negated: args[op].text === '!=',
    };
  } else if (args.length === 1 && args[0].type === 'string') {
    command.regex = { field: '_raw', pattern: literalOf(args[0]), negated: false };
  } else if (args.length === 0) {
    problems.push({
      message: 'Unexpected end of input, expected a regular expression',
      severity: 'error',
      kind: 'missing-part',
      start: command.end,
      end: command.end,
    });
  }
}
