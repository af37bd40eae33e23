/** Finds the rules of a YARA-L file from its tokens: each rule's extent, its meta pairs and the ATT&CK its outcome names. */
import { SECTION_NAMES } from './cursor.js';
import { tokenize, type Token } from './lexer.js';
import type { Problem } from '../kit/problem.js';

export interface RuleOutline {
  name: string;
  /** [start, end) of `rule NAME { ... }` in the file. */
  start: number;
  end: number;
  /** Meta pairs in order; a key may repeat. */
  meta: { key: string; value: string }[];
  /** `$mitre_attack_*` outcome variables set to strings (`$mitre_attack_technique_id = "T1562"`). */
  outcomeAttack: { name: string; value: string }[];
}

/** Every `rule NAME {` outside another rule's braces, or at the start of a line, opens a rule. */
export function outlineRules(text: string): RuleOutline[] {
  const problems: Problem[] = [];
  const tokens = tokenize(text, problems);
  const starts: number[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (opensRule(tokens, i) && (depth === 0 || t.newline)) {
      starts.push(i);
      depth = 0;
    } else if (t.kind === 'punct' && t.value === '{') depth++;
    else if (t.kind === 'punct' && t.value === '}') depth = Math.max(0, depth - 1);
  }
  return starts.map((first, n) =>
    outline(tokens, first, n + 1 < starts.length ? starts[n + 1] : tokens.length - 1),
  );
}

function opensRule(tokens: Token[], i: number): boolean {
  const [a, b, c] = [tokens[i], tokens[i + 1], tokens[i + 2]];
  return (
    a.kind === 'word' && a.value === 'rule' && b?.kind === 'word' && c?.kind === 'punct' && c.value === '{'
  );
}

/** The rule from token `first` up to its closing brace, or to the last token before `limit` when it has none. */
function outline(tokens: Token[], first: number, limit: number): RuleOutline {
  let depth = 0;
  let last = limit - 1;
  for (let i = first + 2; i < limit; i++) {
    const t = tokens[i];
    if (t.kind === 'punct' && t.value === '{') depth++;
    else if (t.kind === 'punct' && t.value === '}' && --depth === 0) {
      last = i;
      break;
    }
  }
  const body = tokens.slice(first, last + 1);
  return {
    name: tokens[first + 1].value,
    start: tokens[first].start,
    end: tokens[last].end,
    meta: metaPairs(body),
    outcomeAttack: outcomeAttack(body),
  };
}

function isHeader(tokens: Token[], i: number): boolean {
  const next = tokens[i + 1];
  return (
    tokens[i].kind === 'word' &&
    SECTION_NAMES.has(tokens[i].value) &&
    next?.kind === 'punct' &&
    next.value === ':'
  );
}

function metaPairs(tokens: Token[]): { key: string; value: string }[] {
  const pairs: { key: string; value: string }[] = [];
  let i = tokens.findIndex((t, k) => t.value === 'meta' && isHeader(tokens, k));
  if (i === -1) return pairs;
  for (i += 2; i + 2 < tokens.length && !isHeader(tokens, i); i++) {
    const [key, eq, value] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (
      key.kind === 'word' &&
      eq.kind === 'op' &&
      eq.value === '=' &&
      (value.kind === 'string' || value.kind === 'number' || value.kind === 'word')
    ) {
      pairs.push({ key: key.value, value: value.value });
      i += 2;
    }
  }
  return pairs;
}

function outcomeAttack(tokens: Token[]): { name: string; value: string }[] {
  const found: { name: string; value: string }[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [name, eq, value] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (
      name.kind === 'variable' &&
      name.value.startsWith('$mitre_attack_') &&
      eq.value === '=' &&
      value.kind === 'string'
    ) {
      found.push({ name: name.value.slice(1), value: value.value });
    }
  }
  return found;
}
