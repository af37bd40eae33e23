/**
 * The literals a regular expression's matches must contain, for the prefilter: a rule whose only test on a
 * field is a regex is otherwise evaluated on every event of its log source.
 */

/** Escapes that stand for their own character (`\.`, `\\`, `\/` ...). */
const LITERAL_ESCAPE = /[\\/.*+?^${}()|[\]\-'"#%&,:;<=>@`~!\s]/;
const QUANTIFIER = /^(?:[*?]|\{0(?:,\d*)?\})/;
const REPEAT = /^(?:\+|\{[1-9]\d*(?:,\d*)?\})/;

/** Index past the group or class opening at `at`, or -1 when it is not closed. */
function skipBracketed(source: string, at: number): number {
  const classOnly = source[at] === '[';
  let depth = 0;
  let inClass = false;
  for (let i = at; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') {
      inClass = true;
      if (classOnly) return skipClass(source, i);
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

function skipClass(source: string, at: number): number {
  for (let i = at + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']' && i > at + 1) return i + 1;
  }
  return -1;
}

/** Splits at `|` outside groups and classes. */
function branches(source: string): string[] | undefined {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '(' || c === '[') {
      const end = skipBracketed(source, i);
      if (end < 0) return undefined;
      i = end - 1;
    } else if (c === '|') {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/** The longest run of characters every match of one branch (no top-level `|`) holds, in order. */
function longestRun(branch: string): string {
  let best = '';
  let run = '';
  const close = (): void => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < branch.length;) {
    let char: string | undefined;
    let next = i + 1;
    const c = branch[i];
    if (c === '\\') {
      const e = branch[i + 1];
      if (e !== undefined && LITERAL_ESCAPE.test(e)) char = e;
      next = i + 2;
      if (e === 'x') next = i + 4;
      else if (e === 'u') next = i + 6;
    } else if (c === '(' || c === '[') {
      const end = skipBracketed(branch, i);
      next = end < 0 ? branch.length : end;
    } else if (!'.^$'.includes(c)) char = c;
    const rest = branch.slice(next);
    const optional = QUANTIFIER.exec(rest);
    const repeated = REPEAT.exec(rest);
    if (optional) {
      close();
      next += optional[0].length;
    } else if (repeated) {
      if (char !== undefined) run += char;
      close();
      next += repeated[0].length;
    } else if (char !== undefined) run += char;
    else close();
    if (branch[next] === '?') next++; // lazy quantifier
    i = next;
  }
  close();
  return best;
}

/**
 * Lower-case literals one of which every match contains (one per top-level alternative), or undefined when
 * some alternative has no literal of at least `minimum` characters.
 */
export function regexLiterals(source: string, minimum = 3): string[] | undefined {
  const parts = branches(source);
  if (!parts) return undefined;
  const literals: string[] = [];
  for (const part of parts) {
    const run = longestRun(part);
    if (run.length < minimum) return undefined;
    literals.push(run.toLowerCase());
  }
  return literals;
}
