/**
 * Sigma v2 correlation rules as one `correlation` stage. Only the threshold fits a predicate (`gte 10` on
 * `event_count` or `value_count(User)`); the referenced rules, group-by fields and timespan stay in the
 * stage text and in the rule's metadata, where the reader keeps them.
 */
import { lookupTable } from '../../text/lookup.js';
import { isMap, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Op, Predicate } from '../../model/predicate.js';
import type { Span } from '../../model/span.js';
import type { Stage } from '../../model/stage.js';
import { describeToken } from '../../text/diagnostics.js';
import { languageDiagnostic } from '../kit/problem.js';
import { keyText } from './rule-yaml.js';
import type { NodeText } from './scalar-locator.js';

const TYPES = new Set([
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
  'value_percentile',
  'value_median',
]);
const THRESHOLD_OPS: Readonly<Record<string, { op: Op; negated: boolean }>> = lookupTable({
  gt: { op: 'gt', negated: false },
  gte: { op: 'gte', negated: false },
  lt: { op: 'lt', negated: false },
  lte: { op: 'lte', negated: false },
  eq: { op: 'eq', negated: false },
  neq: { op: 'eq', negated: true },
});

interface CorrelationContext {
  nodes: NodeText;
  diagnostics: Diagnostic[];
}

function spanOf(
  ctx: CorrelationContext,
  from: Node | null | undefined,
  to: Node | null | undefined = from,
): Span {
  const start = from?.range?.[0] ?? 0;
  return ctx.nodes.span(start, Math.max(start, to?.range?.[1] ?? start));
}

function entry(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => keyText(p) === key);
}

function scalarString(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null ? String(node.value) : undefined;
}

export function lowerCorrelation(pair: Pair, ctx: CorrelationContext): Stage {
  const key = pair.key as Node;
  const value = pair.value as Node | null;
  const span = spanOf(ctx, key, value ?? key);
  const stage: Stage = {
    type: 'stage',
    index: 0,
    kind: 'correlation',
    text: ctx.nodes.text.slice(span.start.offset, span.end.offset).trimEnd(),
    span,
    predicates: [],
    terms: [],
  };
  if (!isMap(value)) {
    ctx.diagnostics.push(
      languageDiagnostic(
        'sigma',
        'invalid-value',
        'error',
        'Unexpected value, expected a correlation mapping with "type" and "rules"',
        span,
      ),
    );
    return stage;
  }
  const type = scalarString(entry(value, 'type')?.value);
  if (type === undefined)
    ctx.diagnostics.push(
      languageDiagnostic(
        'sigma',
        'missing-part',
        'error',
        'Unexpected end of correlation, expected "type"',
        spanOf(ctx, key),
      ),
    );
  else if (!TYPES.has(type))
    ctx.diagnostics.push(
      languageDiagnostic(
        'sigma',
        'unknown-name',
        'warning',
        `Unexpected correlation type ${describeToken(type)}, expected one of ${[...TYPES].join(', ')}`,
        spanOf(ctx, entry(value, 'type')?.value as Node),
      ),
    );
  if (type) stage.name = type;
  if (!entry(value, 'rules'))
    ctx.diagnostics.push(
      languageDiagnostic(
        'sigma',
        'missing-part',
        'error',
        'Unexpected end of correlation, expected "rules"',
        spanOf(ctx, key),
      ),
    );
  const condition = entry(value, 'condition');
  if (condition) stage.predicates = thresholdPredicates(condition, type ?? 'correlation', ctx);
  else if (type && !type.startsWith('temporal'))
    ctx.diagnostics.push(
      languageDiagnostic(
        'sigma',
        'missing-part',
        'warning',
        `Unexpected end of correlation, expected a "condition" for ${type}`,
        spanOf(ctx, key),
      ),
    );
  return stage;
}

/** `condition: {gte: 10, field: User}` as predicates on the correlated value. */
function thresholdPredicates(condition: Pair, type: string, ctx: CorrelationContext): Predicate[] {
  const map = condition.value;
  if (!isMap(map)) {
    ctx.diagnostics.push(
      languageDiagnostic(
        'sigma',
        'invalid-value',
        'error',
        'Unexpected value, expected a condition mapping such as "gte: 10"',
        spanOf(ctx, condition.key as Node),
      ),
    );
    return [];
  }
  const field = scalarString(entry(map, 'field')?.value);
  const name = field && type.startsWith('value_') ? `${type}(${field})` : type;
  const out: Predicate[] = [];
  for (const item of map.items) {
    const op = keyText(item);
    if (op === 'field' || op === undefined) continue;
    const mapped = Object.hasOwn(THRESHOLD_OPS, op.toLowerCase())
      ? THRESHOLD_OPS[op.toLowerCase()]
      : undefined;
    const itemSpan = spanOf(ctx, item.key as Node, item.value as Node);
    if (!mapped) {
      ctx.diagnostics.push(
        languageDiagnostic(
          'sigma',
          'unknown-name',
          'error',
          `Unexpected ${describeToken(op)}, expected gt, gte, lt, lte, eq, neq or field`,
          itemSpan,
        ),
      );
      continue;
    }
    const p: Predicate = {
      type: 'predicate',
      field: name,
      op: mapped.op,
      values: [scalarString(item.value) ?? ''],
      negated: mapped.negated,
      caseSensitive: false,
      all: false,
      span: itemSpan,
    };
    if (field) p.derivedFrom = [field];
    out.push(p);
  }
  return out;
}
