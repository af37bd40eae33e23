/** A command line split into its arguments as Windows programs read it (`CommandLineToArgvW`), for ECS `process.args`. */

/**
 * Blanks separate arguments outside double quotes; `2n` backslashes before a quote are `n` backslashes and the
 * quote toggles quoting, `2n+1` are `n` and a literal quote; other backslashes are literal.
 */
export function commandLineArgs(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let started = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      let n = 0;
      while (line[i + n] === '\\') n++;
      if (line[i + n] === '"') {
        current += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) current += '"';
        else quoted = !quoted;
        i += n;
      } else {
        current += '\\'.repeat(n);
        i += n - 1;
      }
      started = true;
    } else if (c === '"') {
      quoted = !quoted;
      started = true;
    } else if ((c === ' ' || c === '\t') && !quoted) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
}
