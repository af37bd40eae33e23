/**
 * Expands SPL macro calls (`` `name` ``, `` `name(a, b)` ``) from the source's macros, then the macros the
 * project knows as data, recursively and cycle-safe.
 */
import type { MacroDefinition } from '../../model/artifact.js';
import { SourceMap } from './source-map.js';
import type { Problem } from '../kit/problem.js';
import { knownMacro } from './known-macros.js';

export interface Expansion {
  text: string;
  map: SourceMap;
  /** Keys of macros that were called but not defined, first seen first. */
  unresolved: string[];
  /** At offsets in the original query. */
  problems: Problem[];
}

/** Deep enough for any real macro chain; deeper is treated as a runaway expansion. */
const MAX_DEPTH = 30;

/**
 * Characters one query's macros may expand to. Real expansions are a few kilobytes (all of security_content's macros together are 56 KB); a macro that calls the
 * next one twice doubles at each level and would reach gigabytes within the depth limit.
 */
const MAX_EXPANDED = 100_000;

const BACKTICK = 96;
const QUOTE = 34;
const BACKSLASH = 92;

interface Call {
  name: string;
  args: string[];
  /** The call's key in the source context: `name`, or `name(N)` with N arguments. */
  key: string;
}

export function expandMacros(text: string, macros: ReadonlyMap<string, MacroDefinition>): Expansion {
  const map = new SourceMap();
  const state: ExpandState = { macros, unresolved: new Set(), problems: [], budget: MAX_EXPANDED };
  let out = '';
  let literalFrom = 0;
  const flushLiteral = (to: number): void => {
    if (to > literalFrom)
      map.add({
        expStart: out.length,
        expEnd: out.length + (to - literalFrom),
        origStart: literalFrom,
        origEnd: to,
        literal: true,
      });
    out += text.slice(literalFrom, to);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Outside strings a backslash escapes the next character (`*\"name\":true*` opens no string).
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) i = skipString(text, i);
    else if (c === BACKTICK && text.startsWith('```', i)) {
      // A ```comment``` reads as nothing; it maps back to itself so a stage still shows it.
      const close = text.indexOf('```', i + 3);
      const end = close === -1 ? text.length : close + 3;
      if (close === -1)
        state.problems.push({
          severity: 'error',
          kind: 'unterminated-comment',
          message: 'Unexpected end of input, expected "```" to close the comment',
          start: i,
          end: i + 3,
        });
      flushLiteral(i);
      map.add({ expStart: out.length, expEnd: out.length, origStart: i, origEnd: end, literal: false });
      literalFrom = end;
      i = end - 1;
    } else if (c === BACKTICK) {
      const close = text.indexOf('`', i + 1);
      flushLiteral(i);
      if (close === -1) {
        state.problems.push({
          severity: 'error',
          kind: 'macro-call',
          message: 'Unexpected end of input, expected "`" to close the macro call',
          start: i,
          end: i + 1,
        });
        // The lone backtick reads as a blank so the rest of the query still parses.
        map.add({
          expStart: out.length,
          expEnd: out.length + 1,
          origStart: i,
          origEnd: i + 1,
          literal: false,
        });
        out += ' ';
        literalFrom = i + 1;
        continue;
      }
      const site: CallSite = { start: i, end: close + 1 };
      const expanded = expandCall(text.slice(i + 1, close), [], 0, site, state);
      map.add({
        expStart: out.length,
        expEnd: out.length + expanded.text.length,
        origStart: i,
        origEnd: close + 1,
        literal: false,
        unresolved: expanded.unresolvedKey,
      });
      out += expanded.text;
      literalFrom = close + 1;
      i = close;
    }
  }
  flushLiteral(text.length);
  return { text: out, map, unresolved: [...state.unresolved], problems: state.problems };
}

interface ExpandState {
  macros: ReadonlyMap<string, MacroDefinition>;
  unresolved: Set<string>;
  problems: Problem[];
  /** Characters definitions may still add; below zero, calls expand to nothing. */
  budget: number;
}

interface CallSite {
  start: number;
  end: number;
}

/** The text a call stands for, with the macros of its definition expanded in turn. */
function expandCall(
  body: string,
  stack: string[],
  depth: number,
  site: CallSite,
  state: ExpandState,
): { text: string; unresolvedKey?: string } {
  const call = parseCall(body);
  const definition = state.macros.get(call.key) ?? knownMacro(call.key);
  if (!definition) {
    state.unresolved.add(call.key);
    return { text: '', unresolvedKey: call.key };
  }
  if (state.budget < 0) return { text: '' };
  if (stack.includes(call.key)) {
    const chain = [...stack, call.key].join(' → ');
    return tooFar(state, site, 'macro-cycle', `Unexpected macro cycle ${chain}, expected macros that end`);
  }
  if (depth >= MAX_DEPTH)
    return tooFar(
      state,
      site,
      'macro-too-large',
      `Macro expansion nests too deeply (${MAX_DEPTH} calls: ${stack[0]} → … → ${call.key}), expected macros that end sooner`,
    );
  const substituted = substitute(definition, call.args);
  state.budget -= substituted.length;
  if (state.budget < 0)
    return tooFar(
      state,
      site,
      'macro-too-large',
      `Macro expansion grows too large (over ${MAX_EXPANDED.toLocaleString('en-US')} characters at ${call.key}), expected smaller macros; the rest is left unexpanded`,
    );
  if (isEmptySearch(substituted)) return { text: '' };
  return { text: expandNested(substituted, [...stack, call.key], depth + 1, site, state) };
}

/** The problem of an expansion stopped at a call; the call then stands for nothing. */
function tooFar(
  state: ExpandState,
  site: CallSite,
  kind: 'macro-cycle' | 'macro-too-large',
  message: string,
): { text: string } {
  state.problems.push({ severity: 'error', kind, message, start: site.start, end: site.end });
  // Past a limit nothing more expands: a doubling macro would otherwise report each of its leaves.
  if (kind === 'macro-too-large') state.budget = -1;
  return { text: '' };
}

/** Expands the calls inside a definition; its text all maps to the outermost call site. */
function expandNested(
  text: string,
  stack: string[],
  depth: number,
  site: CallSite,
  state: ExpandState,
): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) i = skipString(text, i);
    else if (c === BACKTICK && text.startsWith('```', i)) {
      const close = text.indexOf('```', i + 3);
      out += text.slice(from, i);
      from = close === -1 ? text.length : close + 3;
      i = from - 1;
    } else if (c === BACKTICK) {
      const close = text.indexOf('`', i + 1);
      if (close === -1) break;
      out += text.slice(from, i) + expandCall(text.slice(i + 1, close), stack, depth, site, state).text;
      from = close + 1;
      i = close;
    }
  }
  return out + text.slice(from);
}

/** `name` or `name(arg, "a, b", f(x))`: arguments split on top-level commas, outside quotes. */
export function parseCall(body: string): Call {
  const open = body.indexOf('(');
  const trimmed = body.trim();
  if (open === -1 || !trimmed.endsWith(')')) return { name: trimmed, args: [], key: trimmed };
  const name = body.slice(0, open).trim();
  const inner = body.slice(open + 1, body.lastIndexOf(')'));
  const args = splitArgs(inner);
  return { name, args, key: args.length > 0 ? `${name}(${args.length})` : name };
}

function splitArgs(inner: string): string[] {
  if (inner.trim().length === 0) return [];
  const args: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '"') i = skipString(inner, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      args.push(inner.slice(from, i).trim());
      from = i + 1;
    }
  }
  args.push(inner.slice(from).trim());
  return args;
}

/** Replaces `$arg$` by the call's arguments, by the names the definition declares. */
function substitute(definition: MacroDefinition, args: string[]): string {
  let text = definition.definition;
  definition.args.forEach((name, i) => {
    if (i < args.length) text = text.replaceAll(`$${name}$`, args[i]);
  });
  return text;
}

/** Macros that stand for "everything" (`search *`, empty): the `_filter` macros of security_content. */
function isEmptySearch(text: string): boolean {
  const t = text.trim();
  return t.length === 0 || /^search\s+\*$/i.test(t);
}

/** Index of the closing quote of the string opening at `from` (or the last index when it never closes). */
export function skipString(text: string, from: number): number {
  for (let i = from + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  return text.length - 1;
}
