/** Splits SPL text into stages on `|` outside strings, parentheses and subsearch brackets, and finds the subsearches. */
import type { Problem } from '../kit/problem.js';

export interface Range {
  start: number;
  end: number;
}

export interface StageSlice extends Range {
  /** Offset of the `|` that opens the stage, or null for the first stage. */
  pipe: number | null;
  /** `[ ... ]` subsearches at the stage's top level, brackets included. */
  subsearches: Range[];
}

const QUOTE = 34;
const BACKSLASH = 92;
const PIPE = 124;
const LPAREN = 40;
const RPAREN = 41;
const LBRACKET = 91;
const RBRACKET = 93;

/** Stages of text[from, to); structural problems (a string or bracket left open) are added to `problems`. */
export function splitStages(text: string, from: number, to: number, problems: Problem[]): StageSlice[] {
  const found: Problem[] = [];
  const stages = scanStages(text, from, to, found, true);
  // A "(" left open must not swallow the pipes after it: split again as if parentheses were blanks.
  const open = found.find((p) => p.message.endsWith('to close "("'));
  problems.push(...found);
  return open ? scanStages(text, from, to, [], false) : stages;
}

function scanStages(
  text: string,
  from: number,
  to: number,
  problems: Problem[],
  useParens: boolean,
): StageSlice[] {
  const stages: StageSlice[] = [];
  let current: StageSlice = { start: from, end: to, pipe: null, subsearches: [] };
  let parens = 0;
  const openParens: number[] = [];
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) i = closeQuote(text, i, to, problems);
    else if (c === LPAREN) {
      parens++;
      openParens.push(i);
    } else if (c === RPAREN) {
      if (parens > 0) parens--;
      openParens.pop();
    } else if (c === LBRACKET) {
      const close = closeBracket(text, i, to, problems);
      current.subsearches.push({ start: i, end: close });
      i = close - 1;
    } else if (c === RBRACKET) {
      problems.push(bracketProblem('Unexpected "]", expected a "[" before it', i));
    } else if (c === PIPE && (parens === 0 || !useParens)) {
      current.end = i;
      stages.push(current);
      current = { start: i, end: to, pipe: i, subsearches: [] };
    }
  }
  stages.push(current);
  if (openParens.length > 0) {
    const at = openParens[openParens.length - 1];
    problems.push(bracketProblem('Unexpected end of input, expected ")" to close "("', at));
  }
  return stages;
}

/** End of the string opening at `from` (index of its closing quote); an open string is a problem and runs to `to`. */
function closeQuote(text: string, from: number, to: number, problems: Problem[]): number {
  for (let i = from + 1; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  problems.push({
    severity: 'error',
    kind: 'unterminated-string',
    message: "Unexpected end of input, expected '\"' to close the string",
    start: from,
    end: from + 1,
  });
  return to;
}

/** Offset just past the `]` matching the `[` at `from`; an unmatched one is a problem and runs to `to`. */
function closeBracket(text: string, from: number, to: number, problems: Problem[]): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = closeQuote(text, i, to, problems);
    else if (c === LBRACKET) depth++;
    else if (c === RBRACKET && --depth === 0) return i + 1;
  }
  problems.push(bracketProblem('Unexpected end of input, expected "]" to close the subsearch', from));
  return to;
}

function bracketProblem(message: string, at: number): Problem {
  return { severity: 'error', kind: 'unbalanced-bracket', message, start: at, end: at + 1 };
}
