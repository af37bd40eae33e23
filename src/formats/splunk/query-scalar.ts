/** Lifts a query out of a YAML scalar with file positions, keeping the file's line breaks where SPL allows them. */
import { isScalar, type Node } from 'yaml';
import type { LanguageId } from '../../model/ids.js';
import type { QuerySource } from '../../model/rule.js';
import { FileLocator, locateLines } from '../../text/locator.js';

interface PhysicalLine {
  /** The line's content with indentation and (except the last) trailing blanks removed, unescaped. */
  text: string;
  /** File offset of the content's first character. */
  at: number;
}

/**
 * The query of a scalar node. A folded flow scalar (`'...'` over several lines) reads as one line in YAML,
 * which would leave every position after the first line wrong; for SPL, where a line break outside a
 * string is a blank, the query keeps the file's line breaks instead, so each line maps to its file line.
 */
export function scalarQuery(
  fileText: string,
  node: Node | undefined,
  value: string,
  language: LanguageId,
): QuerySource {
  const locator = new FileLocator(fileText);
  const range = node?.range;
  if (!range || !isScalar(node)) return { language, text: value, start: { line: 1, column: 1, offset: 0 } };
  const [from, to] = range;
  const unfolded =
    language === 'spl' ? unfoldFlowScalar(fileText, from, to, String(node.type), value) : undefined;
  if (unfolded) {
    return {
      language,
      text: unfolded.text,
      start: locator.position(unfolded.starts[0]),
      lineStarts: unfolded.starts.map((o) => locator.position(o)),
    };
  }
  const text = value.replace(/\s+$/, '');
  const starts = locateLines(fileText, from, to, text);
  return {
    language,
    text,
    start: starts[0] ?? locator.position(from),
    lineStarts: starts.length > 1 ? starts : undefined,
  };
}

/** Unfolds a plain or quoted scalar; undefined when the scalar is of another kind or its unescaping disagrees with YAML's. */
function unfoldFlowScalar(
  fileText: string,
  from: number,
  to: number,
  kind: string,
  value: string,
): { text: string; starts: number[] } | undefined {
  const quote =
    kind === 'QUOTE_SINGLE' ? "'" : kind === 'QUOTE_DOUBLE' ? '"' : kind === 'PLAIN' ? '' : undefined;
  if (quote === undefined) return undefined;
  const bodyFrom = from + quote.length;
  const bodyTo = to - quote.length;
  if (bodyTo < bodyFrom) return undefined;
  const lines = physicalLines(fileText, bodyFrom, bodyTo, quote);
  if (!lines || yamlFold(lines) !== value) return undefined;
  return joinOutsideStrings(lines);
}

function physicalLines(
  fileText: string,
  from: number,
  to: number,
  quote: string,
): PhysicalLine[] | undefined {
  const lines: PhysicalLine[] = [];
  let start = from;
  while (start <= to) {
    const nl = fileText.indexOf('\n', start);
    const end = nl === -1 || nl > to ? to : nl;
    const raw = fileText.slice(start, end);
    const isFirst = lines.length === 0;
    const isLast = end === to;
    const lead = isFirst ? 0 : raw.length - raw.trimStart().length;
    let content = raw.slice(lead);
    if (!isLast) content = content.trimEnd();
    const text = unescape(content, quote);
    if (text === undefined) return undefined;
    lines.push({ text, at: start + lead });
    start = end + 1;
    if (isLast) break;
  }
  return lines;
}

function unescape(content: string, quote: string): string | undefined {
  if (quote === "'") return content.replaceAll("''", "'");
  if (quote === '') return content;
  if (content.endsWith('\\')) return undefined;
  const simple: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', ' ': ' ' };
  let out = '';
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const mapped = simple[content[i + 1]];
    if (mapped === undefined) return undefined;
    out += mapped;
    i++;
  }
  return out;
}

/** YAML's folding of flow-scalar lines: a break between lines is a space, each blank line a newline. */
function yamlFold(lines: PhysicalLine[]): string {
  let out = lines[0].text;
  let blanks = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].text;
    if (line.length === 0 && i < lines.length - 1) {
      blanks++;
      continue;
    }
    out += blanks > 0 ? '\n'.repeat(blanks) : ' ';
    out += line;
    blanks = 0;
  }
  return out;
}

/** Joins lines with line breaks, except where the break falls inside an SPL string or macro call (folded as YAML does). */
function joinOutsideStrings(lines: PhysicalLine[]): { text: string; starts: number[] } {
  let text = lines[0].text;
  const starts = [lines[0].at];
  let state = scanState(text, { inString: false, inMacro: false });
  let blanks: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].text;
    if (!state.inString && !state.inMacro) {
      text += `\n${line}`;
      starts.push(lines[i].at);
    } else if (line.length === 0 && i < lines.length - 1) {
      blanks.push(lines[i].at);
      continue;
    } else {
      // Blank lines inside a string are newlines of the value; each opens a text line of its own.
      text += (blanks.length > 0 ? '\n'.repeat(blanks.length) : ' ') + line;
      starts.push(...blanks.slice(1), ...(blanks.length ? [lines[i].at] : []));
    }
    blanks = [];
    state = scanState(line, state);
  }
  return { text, starts };
}

interface ScanState {
  inString: boolean;
  inMacro: boolean;
}

function scanState(text: string, state: ScanState): ScanState {
  let { inString, inMacro } = state;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '`') inMacro = !inMacro;
  }
  return { inString, inMacro };
}
