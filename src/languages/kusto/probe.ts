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

/** A line that opens a query: `let x =`, a source operator, or a table name alone or before a pipe. */
const OPENS_QUERY =
  /^\s*(?:let\s+\w+\s*=|(?:union|search|find|print|datatable|externaldata|range)\b|[A-Za-z_]\w*\s*(?:\||$))/;
/** A pipe into a tabular operator at the start of a line. */
const PIPE_LINE =
  /^\s*\|\s*(?:where|project|extend|summarize|join|union|take|limit|sort|order|top|distinct|mv-expand|mvexpand|mv-apply|parse|evaluate|lookup|count|render|make-series|invoke|project-away|project-rename)\b/m;

/**
 * Whether a text plainly holds a query even when it does not parse: its first line of code opens a query and a
 * later line pipes into a tabular operator. Such a text is read as a rule with its problems, never skipped.
 */
export function looksLikeKustoQuery(text: string): boolean {
  if (text.length > MAX_PROBE_LENGTH) return false;
  const firstCode = text.split('\n').find((line) => line.trim() !== '' && !line.trim().startsWith('//'));
  return firstCode !== undefined && OPENS_QUERY.test(firstCode) && PIPE_LINE.test(text);
}
