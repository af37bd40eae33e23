// The condition lexer and parser: tokens with offsets, precedence, quantifiers, aggregations and recovery.
import { describe, expect, it } from 'vitest';
import type { BinaryNode, ConditionNode } from './ast.js';
import { tokenize } from './lexer.js';
import { parseCondition } from './parser.js';

/** A compact reading of a condition tree: `(and a (not b))`. */
function show(node: ConditionNode | undefined): string {
  if (!node) return '?';
  switch (node.kind) {
    case 'name':
      return node.name;
    case 'quantified':
      return `${node.quantifier}-of:${node.target}`;
    case 'not':
      return `(not ${show(node.operand)})`;
    default:
      return `(${node.kind} ${node.operands.map(show).join(' ')})`;
  }
}

describe('the condition lexer', () => {
  it('gives words, punctuation and comparisons with their offsets', () => {
    const tokens = tokenize('sel | count(User) by Host >= 10');
    expect(tokens.map((t) => [t.kind, t.text, t.start])).toEqual([
      ['word', 'sel', 0],
      ['pipe', '|', 4],
      ['word', 'count', 6],
      ['lparen', '(', 11],
      ['word', 'User', 12],
      ['rparen', ')', 16],
      ['word', 'by', 18],
      ['word', 'Host', 21],
      ['compare', '>=', 26],
      ['word', '10', 29],
      ['end', '', 31],
    ]);
  });

  it('keeps patterns as one word and skips line breaks', () => {
    expect(tokenize('1 of\n  selection_*').map((t) => t.text)).toEqual(['1', 'of', 'selection_*', '']);
  });
});

describe('the condition parser', () => {
  it('binds not tighter than and, and and tighter than or', () => {
    const { condition, errors } = parseCondition('a or b and not c or not (d or c) and a');
    expect(errors).toEqual([]);
    expect(show(condition.expression)).toBe('(or a (and b (not c)) (and (not (or d c)) a))');
  });

  it('reads the quantifiers, them, and keywords in any case', () => {
    const { condition } = parseCondition('1 of sel_* AND all of them Or Any of filter_* and not all of x*');
    expect(show(condition.expression)).toBe(
      '(or (and one-of:sel_* all-of:them) (and one-of:filter_* (not all-of:x*)))',
    );
  });

  it('keeps the offsets of names for positions in the file', () => {
    const { condition } = parseCondition('selection and not filter');
    const expression = condition.expression as BinaryNode;
    expect(expression.operands[1]).toMatchObject({ kind: 'not', start: 14, end: 24 });
  });

  it('reads the old aggregation syntax', () => {
    const { condition, errors } = parseCondition('selection | count(TargetUserName) by IpAddress, Host > 20');
    expect(errors).toEqual([]);
    expect(condition.aggregation).toMatchObject({
      function: 'count',
      field: 'TargetUserName',
      groupBy: ['IpAddress', 'Host'],
      comparison: { op: '>', value: '20' },
    });
    expect(parseCondition('sel | count() > 5').condition.aggregation).toMatchObject({
      function: 'count',
      groupBy: [],
    });
    expect(show(parseCondition('sel | near a and not b').condition.aggregation?.near)).toBe(
      '(and a (not b))',
    );
  });

  it('reports an error once, with its offset, and recovers', () => {
    const unclosed = parseCondition('(selection and not filter');
    expect(unclosed.errors).toEqual([
      { message: 'Unexpected end of input, expected ")"', start: 25, end: 25 },
    ]);
    expect(show(unclosed.condition.expression)).toBe('(and selection (not filter))');
    const stray = parseCondition('selection and or filter');
    expect(stray.errors).toHaveLength(1);
    expect(stray.errors[0]).toMatchObject({
      start: 14,
      message: 'Unexpected "or", expected a detection name, "(", "not", "1 of" or "all of"',
    });
  });

  it('refuses a bare pattern, a bad count and an empty condition', () => {
    expect(parseCondition('selection_*').errors[0].message).toBe(
      'Unexpected pattern "selection_*", expected "1 of" or "all of" before it',
    );
    expect(parseCondition('2 of sel*').errors[0].message).toBe(
      'Unexpected "2", expected "1", "all" or "any" before "of"',
    );
    expect(parseCondition('   ').errors[0].message).toBe(
      'Unexpected end of input, expected a detection name',
    );
    expect(parseCondition('sel | count(x) by').errors[0].message).toBe(
      'Unexpected end of input, expected a field name after "by"',
    );
  });
});
