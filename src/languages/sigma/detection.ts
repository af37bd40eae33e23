/** Reads a `detection:` (or filter rule's `filter:`) mapping from YAML nodes into positioned conditions and items. */
import { lookupTable } from '../../text/lookup.js';
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { SearchTerm } from '../../model/predicate.js';
import type { Span } from '../../model/span.js';
import { describeToken } from '../../text/diagnostics.js';
import { languageDiagnostic } from '../kit/problem.js';
import type { Locator } from '../../text/locator.js';
import type { DetectionItem } from './ast.js';
import { modifierOffset, parseFieldSpec, type FieldSpec } from './modifiers.js';
import { pairPredicates } from './predicates.js';
import { keyText } from './rule-yaml.js';
import { ScalarLocator, type NodeText } from './scalar-locator.js';
import { placeholders } from './values.js';

/** One condition string with the way back to file positions. */
export interface ConditionSource {
  text: string;
  /** The stage text: the value for a one-line scalar, the file slice for one spread over lines. */
  stageText: string;
  span: Span;
  locator: Locator;
}

export interface DetectionRead {
  items: DetectionItem[];
  conditions: ConditionSource[];
  /** Span of the `condition` key, or undefined when there is none. */
  conditionKey?: Span;
}

export interface WalkContext {
  nodes: NodeText;
  diagnostics: Diagnostic[];
  /** `%name%` placeholders met in `expand` values. */
  placeholders: Set<string>;
}

/** Keys of a section that are not detection items; a filter rule's `filter:` also lists the rules it applies to. */
const RESERVED: Readonly<Record<string, ReadonlySet<string>>> = lookupTable({
  detection: new Set(['condition', 'timeframe']),
  filter: new Set(['condition', 'timeframe', 'rules']),
});

const KNOWN_MODIFIERS =
  'contains, startswith, endswith, all, re, cidr, exists, fieldref, expand, gt, gte, lt, lte, cased, base64, base64offset, utf16le, utf16be, utf16, wide, windash';

export function readDetection(
  pairs: readonly Pair[],
  section: 'detection' | 'filter',
  ctx: WalkContext,
): DetectionRead {
  const read: DetectionRead = { items: [], conditions: [] };
  const reserved = RESERVED[section];
  for (const pair of pairs) {
    const name = keyText(pair);
    if (name === 'condition') {
      read.conditionKey = nodeSpan(ctx, pair.key as Node);
      read.conditions.push(...conditionSources(pair.value as Node | null, ctx));
    } else if (name !== undefined && !reserved.has(name)) {
      read.items.push(detectionItem(name, pair, ctx));
    }
  }
  return read;
}

function range(node: Node | null | undefined): [number, number] | undefined {
  return node?.range ? [node.range[0], node.range[1]] : undefined;
}

function nodeSpan(ctx: WalkContext, node: Node | null | undefined): Span {
  const r = range(node) ?? [0, 0];
  return ctx.nodes.span(r[0], contentEnd(ctx.nodes.text, r[0], r[1]));
}

/** A block node's range runs to the next line; spans stop at its last character. */
function contentEnd(text: string, start: number, end: number): number {
  let at = end;
  while (
    at > start &&
    (text[at - 1] === '\n' || text[at - 1] === '\r' || text[at - 1] === ' ' || text[at - 1] === '\t')
  )
    at--;
  return at;
}

/** Key start through value end, so a stage or predicate points at the whole entry. */
function pairRange(pair: Pair, text: string): [number, number] {
  const key = range(pair.key as Node) ?? [0, 0];
  const value = range(pair.value as Node | null);
  return [key[0], contentEnd(text, key[0], value && value[1] > key[1] ? value[1] : key[1])];
}

function conditionSources(node: Node | null, ctx: WalkContext): ConditionSource[] {
  const scalars = isSeq(node) ? node.items : [node];
  const out: ConditionSource[] = [];
  for (const item of scalars) {
    if (!isScalar(item) || item.value === null || typeof item.value === 'object') {
      ctx.diagnostics.push(
        languageDiagnostic(
          'sigma',
          'invalid-value',
          'error',
          'Unexpected value, expected a condition string or a list of them',
          nodeSpan(ctx, item as Node),
        ),
      );
      continue;
    }
    const text = String(item.value);
    const [start, to] = range(item) ?? [0, 0];
    const from = blockContentStart(item, ctx.nodes.text, start);
    const end = contentEnd(ctx.nodes.text, from, to);
    const span = ctx.nodes.span(from, end);
    const stageText = span.start.line === span.end.line ? text : ctx.nodes.text.slice(from, end);
    out.push({ text, stageText, span, locator: new ScalarLocator(text, item, ctx.nodes) });
  }
  return out;
}

/** A block scalar's text starts on the line after its `>` or `|` header. */
function blockContentStart(node: Scalar, text: string, start: number): number {
  if (node.type !== 'BLOCK_FOLDED' && node.type !== 'BLOCK_LITERAL') return start;
  let at = text.indexOf('\n', start);
  if (at === -1) return start;
  while (
    at < text.length &&
    (text[at] === '\n' || text[at] === '\r' || text[at] === ' ' || text[at] === '\t')
  )
    at++;
  return at;
}

function detectionItem(name: string, pair: Pair, ctx: WalkContext): DetectionItem {
  const [start, end] = pairRange(pair, ctx.nodes.text);
  const item: DetectionItem = {
    name,
    text: ctx.nodes.text.slice(start, end),
    span: ctx.nodes.span(start, end),
    keySpan: nodeSpan(ctx, pair.key as Node),
    predicates: [],
    terms: [],
  };
  itemContent(pair.value as Node | null, item, ctx);
  return item;
}

function itemContent(node: Node | null, item: DetectionItem, ctx: WalkContext): void {
  if (isMap(node)) {
    mapContent(node, item, ctx);
  } else if (isSeq(node)) {
    const keywords: Scalar[] = [];
    for (const entry of node.items) {
      if (isMap(entry)) mapContent(entry, item, ctx);
      else if (isScalar(entry) && entry.value !== null) keywords.push(entry);
      else
        ctx.diagnostics.push(
          languageDiagnostic(
            'sigma',
            'invalid-value',
            'warning',
            'Unexpected entry, expected a mapping or a keyword',
            nodeSpan(ctx, entry as Node),
          ),
        );
    }
    if (keywords.length > 0) keywordPredicates(parseFieldSpec(''), keywords, nodeSpan(ctx, node), item, ctx);
  } else if (isScalar(node) && node.value !== null) {
    keywordPredicates(parseFieldSpec(''), [node], nodeSpan(ctx, node), item, ctx);
  } else {
    ctx.diagnostics.push(
      languageDiagnostic(
        'sigma',
        'invalid-value',
        'warning',
        `Unexpected empty detection item ${describeToken(item.name)}, expected a mapping or a list`,
        item.keySpan,
      ),
    );
  }
}

/** A key written twice is kept twice; the YAML reading reported it (see text/yaml-documents.ts). */
function mapContent(map: YAMLMap, item: DetectionItem, ctx: WalkContext): void {
  for (const pair of map.items) fieldPair(keyText(pair) ?? '', pair, item, ctx);
}

function fieldPair(key: string, pair: Pair, item: DetectionItem, ctx: WalkContext): void {
  const spec = parseFieldSpec(key);
  const keyNode = pair.key as Node;
  for (const written of spec.unknown) {
    const at =
      (range(keyNode)?.[0] ?? 0) +
      (isScalar(keyNode) && keyNode.type === 'PLAIN' ? modifierOffset(key, written) : 0);
    const message = `Unexpected modifier ${describeToken(written)}, expected one of ${KNOWN_MODIFIERS}`;
    ctx.diagnostics.push(
      languageDiagnostic('sigma', 'unknown-name', 'error', message, ctx.nodes.span(at, at + written.length)),
    );
  }
  const [start, end] = pairRange(pair, ctx.nodes.text);
  const span = ctx.nodes.span(start, end);
  const scalars = valueScalars(pair.value as Node | null, ctx);
  if (spec.expand)
    for (const s of scalars) for (const name of placeholders(scalarText(s) ?? '')) ctx.placeholders.add(name);
  if (spec.field === null) {
    keywordPredicates(spec, scalars, span, item, ctx);
    return;
  }
  item.predicates.push(...pairPredicates(spec, scalars.map(scalarText), span));
}

/** The scalars of a value: itself, or a list's items; null stands for an empty value. */
function valueScalars(node: Node | null, ctx: WalkContext): Array<Scalar | null> {
  if (node === null || node === undefined) return [null];
  if (isScalar(node)) return [node];
  if (isSeq(node)) {
    const out: Array<Scalar | null> = [];
    for (const entry of node.items) {
      if (entry === null || isScalar(entry)) out.push(entry);
      else
        ctx.diagnostics.push(
          languageDiagnostic(
            'sigma',
            'invalid-value',
            'error',
            'Unexpected nested value, expected a value in a list of values',
            nodeSpan(ctx, entry as Node),
          ),
        );
    }
    return out;
  }
  ctx.diagnostics.push(
    languageDiagnostic(
      'sigma',
      'invalid-value',
      'error',
      'Unexpected mapping, expected a value or a list of values',
      nodeSpan(ctx, node),
    ),
  );
  return [];
}

/** A scalar's value as written: strings as parsed, numbers and booleans in their source form, null as null. */
function scalarText(node: Scalar | null): string | null {
  if (node === null || node.value === null || node.value === undefined) return null;
  if (typeof node.value === 'string') return node.value;
  return typeof node.source === 'string' && node.type === 'PLAIN' ? node.source : String(node.value);
}

/** Keywords (field-less values): a `keyword` predicate, and each value also as a search term. */
function keywordPredicates(
  spec: FieldSpec,
  scalars: Array<Scalar | null>,
  span: Span,
  item: DetectionItem,
  ctx: WalkContext,
): void {
  const present = scalars.filter((s): s is Scalar => s !== null && s.value !== null);
  const predicates = pairPredicates(spec, present.map(scalarText), span);
  item.predicates.push(...predicates);
  const keyword = predicates.find((p) => p.op === 'keyword');
  if (!keyword) return;
  // Every value of a field-less key lands in the one keyword predicate, so values and nodes stay in step.
  keyword.values.forEach((value, i) => item.terms.push(keywordTerm(value, present[i], ctx)));
}

function keywordTerm(value: string, node: Scalar, ctx: WalkContext): SearchTerm {
  const quoted = node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE';
  return { type: 'term', value, stage: 0, quoted, negated: false, span: nodeSpan(ctx, node) };
}
