/** Decides whether a text is a Kusto query, for readers that must tell KQL from other text (unlabeled Markdown fences, `.txt` files). */
import type { Script } from './ast.js';
import { parseScript } from './parser.js';

export interface KustoProbe {
  script: Script;
  /** Parses with no error and has the shape of a query: a `let`, a `|` pipeline, or a source operator. */
  isQuery: boolean;
}

/** Texts longer than this are not probed: a reader guessing at a big text file should not pay for it. */
const MAX_PROBE_LENGTH = 200_000;

export function probeKusto(text: string): KustoProbe | undefined {
  if (text.length > MAX_PROBE_LENGTH) return undefined;
  const script = parseScript(text);
  return { script, isQuery: script.problems.length === 0 && script.statements.some(isQueryShaped) };
}

function isQueryShaped(statement: Script['statements'][number]): boolean {
  if (statement.type === 'let') return true;
  if (statement.type !== 'query') return false;
  const { expr } = statement;
  return expr.type === 'pipe' && (expr.operators.length > 0 || expr.source.type === 'operator');
}
