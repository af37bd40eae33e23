/** File positions of offsets in a YAML scalar's value, which folding, quoting and block indentation move about. */
import type { Scalar } from 'yaml';
import type { Position, Span } from '../../model/span.js';
import type { Locator } from '../../text/locator.js';

/** Text in the coordinates YAML node ranges use (the file, or the rule's own text), with its file positions. */
export interface NodeText extends Locator {
  readonly text: string;
}

/** Source characters a folded or quoted value may drop: line breaks, indentation, quotes, escapes. */
function droppable(c: string): boolean {
  return c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === "'" || c === '"' || c === '\\';
}

/** Where the value's first character can sit: after an opening quote, or on the line after a block header. */
function contentStart(node: Scalar, text: string, from: number): number {
  if (node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') return from + 1;
  if (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') {
    const eol = text.indexOf('\n', from);
    return eol === -1 ? from : eol + 1;
  }
  return from;
}

/**
 * Pairs each character of the value with its source offset, walking both in step and skipping only the
 * characters folding and quoting drop, so one odd character cannot throw the rest out of line.
 */
function align(value: string, text: string, from: number, to: number): number[] {
  const offsets = new Array<number>(value.length + 1);
  let cursor = from;
  for (let i = 0; i < value.length; i++) {
    let j = cursor;
    while (j < to && text[j] !== value[i] && droppable(text[j])) j++;
    if (j < to && text[j] === value[i]) {
      offsets[i] = j;
      cursor = j + 1;
    } else {
      offsets[i] = cursor;
    }
  }
  offsets[value.length] = cursor;
  return offsets;
}

export class ScalarLocator implements Locator {
  private readonly base: number;
  private readonly offsets?: number[];

  constructor(
    private readonly value: string,
    node: Scalar,
    private readonly nodes: NodeText,
  ) {
    const [from, to] = node.range ?? [0, 0];
    this.base = contentStart(node, nodes.text, from);
    // A plain one-line scalar is its own source slice: no table needed.
    if (nodes.text.startsWith(value, this.base) && !value.includes('\n')) return;
    this.offsets = align(value, nodes.text, this.base, to);
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.value.length));
    return this.nodes.position(this.offsets ? this.offsets[clamped] : this.base + clamped);
  }

  span(start: number, end: number): Span {
    return { start: this.position(start), end: this.position(end) };
  }
}
