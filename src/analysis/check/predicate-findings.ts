/** Findings about single predicates: values listed twice, wildcards an operator implies, regexes that do not compile, cased compares that cannot match. */
import type { Predicate } from '../../model/predicate.js';
import type { RuleDocument } from '../../model/rule.js';
import type { Stage } from '../../model/stage.js';
import type { CheckedFile, Finding } from './finding.js';

type Side = 'contains' | 'startswith' | 'endswith';

const SIDE_OF_OP: Partial<Record<Predicate['op'], Side>> = {
  match: 'contains',
  starts_with: 'startswith',
  ends_with: 'endswith',
};

/** PCRE and RE2 spellings JavaScript lacks, rewritten before compiling: inline flags up front, `(?P<name>`. */
function asJavaScriptPattern(pattern: string): string | undefined {
  // Constructs JavaScript cannot compile but the rule's engine can: not this project's call.
  if (/\(\?[>#|]|[*+?}]\+|\\[AZzQEKGh]|\(\?[a-z]*-[a-z]*\)|\[\[:/.test(pattern)) return undefined;
  return pattern.replace(/^\(\?[imsxU]+\)/, '').replace(/\(\?P</g, '(?<');
}

function regexProblem(pattern: string): string | undefined {
  const js = asJavaScriptPattern(pattern);
  if (js === undefined) return undefined;
  try {
    // Compiled only, never run on anything: a hostile pattern costs nothing here.
    new RegExp(js);
    return undefined;
  } catch (err) {
    return (err as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

/** The side an operator already matches on: from the op, or from the words of the predicate's text (Sigma `|contains`). */
function sideOf(p: Predicate, text: string): Side | undefined {
  const byOp = SIDE_OF_OP[p.op];
  if (byOp) return byOp;
  if (p.op !== 'wildcard') return undefined;
  return /\b(contains|startswith|endswith)\b/i.exec(text)?.[1].toLowerCase() as Side | undefined;
}

/**
 * The values of a predicate as its text writes them. A `wildcard` predicate's model values carry the wildcards
 * a modifier implies (Sigma `|contains: 'a*b'` is `*a*b*`), so whether the author wrote one needs the text.
 */
function writtenValues(p: Predicate, text: string, language: string | null): string[] {
  // Sigma's model values are unescaped: `'a\*'` is a literal star there, which only the text tells apart.
  if (p.op !== 'wildcard' && language !== 'sigma') return p.values;
  const body = text.slice(text.indexOf(':') + 1);
  const out: string[] = [];
  const scalar = /'((?:[^']|'')*)'|"((?:[^"\\]|\\.)*)"|(?:^|[-:]\s)\s*([^\s'"#[\]{},-][^#\n]*?)\s*(?=#|$)/gm;
  for (const m of body.matchAll(scalar)) out.push(m[1]?.replace(/''/g, "'") ?? m[2] ?? m[3] ?? '');
  return out.filter(Boolean);
}

function redundantWildcard(value: string, side: Side): boolean {
  // `|contains: '*'` is how Sigma says "any value": an idiom, not a slip.
  if (/^\*+$/.test(value)) return false;
  const lead = value.startsWith('*');
  const trail = value.endsWith('*') && !value.endsWith('\\*');
  return side === 'contains' ? lead || trail : side === 'startswith' ? trail : lead;
}

export function predicateFindings(file: CheckedFile, rule: RuleDocument, stage: Stage): Finding[] {
  const out: Finding[] = [];
  for (const p of stage.predicates) {
    if (p.valueKind) continue;
    const text = p.span ? file.text.slice(p.span.start.offset, p.span.end.offset) : '';
    const seen = new Set<string>();
    // Encoded values (base64, UTF-16) differ by case even where the field's compare does not.
    const exact = p.caseSensitive || (p.modifiers ?? []).some((m) => /^(base64|utf16|wide)/.test(m));
    for (const v of p.values) {
      const key = exact ? v : v.toLowerCase();
      if (seen.has(key))
        out.push(
          file.finding(
            'logic/duplicate-value',
            `${p.field ?? 'A keyword'} lists ${JSON.stringify(v)} twice`,
            rule,
            p.span,
          ),
        );
      seen.add(key);
    }
    const side = sideOf(p, text);
    for (const v of side ? writtenValues(p, text, rule.language) : [])
      if (redundantWildcard(v, side!))
        out.push(
          file.finding(
            'logic/redundant-wildcard',
            `${JSON.stringify(v)}: ${side} already matches there; the * is redundant, or literal`,
            rule,
            p.span,
          ),
        );
    if (p.op === 'regex')
      for (const v of p.values) {
        const problem = regexProblem(v);
        if (problem)
          out.push(
            file.finding(
              'logic/invalid-regex',
              `${JSON.stringify(v)} does not compile: ${problem}`,
              rule,
              p.span,
            ),
          );
      }
    // Elasticsearch's query parsers lower-case the value for a normalized field; ES|QL compares it as written.
    if (rule.language === 'esql' && p.caseSensitive && p.field?.toLowerCase().endsWith('.caseless'))
      for (const v of p.values.filter((x) => x !== x.toLowerCase()))
        out.push(
          file.finding(
            'logic/cased-on-caseless',
            `${p.field} is stored in lower case: a case-sensitive ${JSON.stringify(v)} never matches`,
            rule,
            p.span,
          ),
        );
  }
  return out;
}
