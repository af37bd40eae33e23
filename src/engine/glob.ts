/** Sigma globs as regular expressions: `*` any run, `?` one character, `\*`, `\?` and `\\` literal. */

import { escapeRegex } from '../text/regex.js';

export { escapeRegex };

/** The regex source of a glob in Sigma's escaping, unanchored. */
export function globSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    const next = glob[i + 1];
    if (c === '\\' && (next === '*' || next === '?' || next === '\\')) {
      out += escapeRegex(next);
      i++;
    } else if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else out += escapeRegex(c);
  }
  return out;
}

/** The literal runs of a glob (escapes removed), for the prefilter. */
export function globLiterals(glob: string): string[] {
  const runs: string[] = [];
  let run = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    const next = glob[i + 1];
    if (c === '\\' && (next === '*' || next === '?' || next === '\\')) {
      run += next;
      i++;
    } else if (c === '*' || c === '?') {
      if (run) runs.push(run);
      run = '';
    } else run += c;
  }
  if (run) runs.push(run);
  return runs;
}
