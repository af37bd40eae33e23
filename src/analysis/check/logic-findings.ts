/** Findings about a query's boolean structure: conditions that need something and its negation, detection items no condition uses. */
import type { Predicate } from '../../model/predicate.js';
import type { RuleDocument } from '../../model/rule.js';
import type { Logic, ParsedQuery, Stage } from '../../model/stage.js';
import type { CheckedFile, Finding } from './finding.js';

/** What an operand asks for, by content: two predicates written alike are the same test. */
function predicateSignature(p: Predicate): string {
  const values = p.values.map((v) => (p.caseSensitive ? v : v.toLowerCase())).sort();
  return JSON.stringify([
    p.field?.toLowerCase() ?? null,
    p.op,
    values,
    p.caseSensitive,
    p.all,
    p.modifiers ?? [],
  ]);
}

function signature(node: Logic, stage: Stage): string | undefined {
  if (node.type === 'predicate') {
    const p = stage.predicates[node.index];
    return p ? predicateSignature(p) : undefined;
  }
  if (node.type === 'stage') return `stage ${node.index}`;
  return undefined;
}

/** The operands of an `and`, nested `and`s flattened. */
function conjuncts(node: Logic): Logic[] {
  return node.type === 'and' ? node.operands.flatMap(conjuncts) : [node];
}

/** An `and` somewhere in the tree whose operands hold a test and its negation; the signature of the test. */
function contradiction(node: Logic, stage: Stage): string | undefined {
  if (node.type === 'and') {
    const positive = new Set<string>();
    const negative = new Set<string>();
    for (const c of conjuncts(node)) {
      const sig = c.type === 'not' ? signature(c.operand, stage) : signature(c, stage);
      if (sig) (c.type === 'not' ? negative : positive).add(sig);
    }
    for (const sig of positive) if (negative.has(sig)) return sig;
  }
  const children =
    node.type === 'and' || node.type === 'or' ? node.operands : node.type === 'not' ? [node.operand] : [];
  for (const child of children) {
    const found = contradiction(child, stage);
    if (found) return found;
  }
  return undefined;
}

function neverTrue(
  file: CheckedFile,
  rule: RuleDocument,
  query: ParsedQuery,
  stage: Stage,
): Finding | undefined {
  // Only a written tree is evidence: a stage without one may stand for structure its language keeps elsewhere.
  if (!stage.logic) return undefined;
  const sig = contradiction(stage.logic, stage);
  if (!sig) return undefined;
  const referenced = sig.startsWith('stage ') ? query.stages[Number(sig.slice(6))] : undefined;
  const what = referenced ? `"${referenced.name ?? referenced.kind}"` : 'a predicate';
  return file.finding(
    'logic/never-true',
    `${stage.kind} requires ${what} and its negation together: it can never be true`,
    rule,
    stage.span,
  );
}

function referencedStages(node: Logic | undefined, into: Set<number>): void {
  if (!node) return;
  if (node.type === 'stage') into.add(node.index);
  else if (node.type === 'and' || node.type === 'or')
    for (const o of node.operands) referencedStages(o, into);
  else if (node.type === 'not') referencedStages(node.operand, into);
}

/** Named items (Sigma selections and filters) that no condition refers to, when conditions refer to items at all. */
function unusedItems(file: CheckedFile, rule: RuleDocument, query: ParsedQuery): Finding[] {
  const used = new Set<number>();
  referencedStages(query.logic, used);
  for (const s of query.stages) referencedStages(s.logic, used);
  if (used.size === 0) return [];
  return query.stages
    .filter((s) => s.name && s.parent === undefined && !used.has(s.index))
    .map((s) =>
      file.finding(
        'logic/unused-item',
        `Detection item "${s.name}" is not used by any condition`,
        rule,
        s.span,
      ),
    );
}

export function logicFindings(file: CheckedFile, rule: RuleDocument, query: ParsedQuery): Finding[] {
  const out: Finding[] = [];
  for (const stage of query.stages) {
    const found = neverTrue(file, rule, query, stage);
    if (found) out.push(found);
  }
  return [...out, ...unusedItems(file, rule, query)];
}
