/** A CommonMark fenced-code-block scanner: fences of 3+ backticks or tildes, indented up to 3 spaces, with info strings. */

export interface Fence {
  /** The info string after the opening fence, trimmed (`KQL`, `kusto title="x"`, ``). */
  info: string;
  /** Offset of the info string in the file (for a label that runs into the query). */
  infoStart: number;
  /** Offset of the opening fence line's first character. */
  start: number;
  /** Offset of the first content line, and of the end of the last content line (before the closing fence line). */
  contentStart: number;
  contentEnd: number;
  /** Offset just after the closing fence (or the end of the file when the fence is never closed). */
  end: number;
  /** Spaces before the opening fence: CommonMark removes up to as many from each content line. */
  indent: number;
  closed: boolean;
}

/** A line outside fences, for headings, paragraphs, lists and tables. */
export interface TextLine {
  text: string;
  start: number;
}

export interface MarkdownScan {
  fences: Fence[];
  lines: TextLine[];
}

interface Opening {
  char: string;
  length: number;
  indent: number;
  info: string;
  infoStart: number;
}

function opening(line: string, lineStart: number): Opening | undefined {
  let indent = 0;
  while (indent < line.length && line.charCodeAt(indent) === 32) indent++;
  if (indent > 3) return undefined;
  const char = line.charAt(indent);
  if (char !== '`' && char !== '~') return undefined;
  let end = indent;
  while (line.charAt(end) === char) end++;
  const length = end - indent;
  if (length < 3) return undefined;
  const rest = line.slice(end);
  if (char === '`' && rest.includes('`')) return undefined;
  const info = rest.trim();
  const infoStart = lineStart + end + (rest.length - rest.trimStart().length);
  return { char, length, indent, info, infoStart };
}

function closes(line: string, open: Opening): boolean {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  if (i > 3) return false;
  let run = 0;
  while (line.charAt(i + run) === open.char) run++;
  return run >= open.length && line.slice(i + run).trim() === '';
}

/** Splits a Markdown text into fenced blocks and the lines outside them. */
export function scanMarkdown(text: string): MarkdownScan {
  const fences: Fence[] = [];
  const lines: TextLine[] = [];
  let open: (Opening & { start: number; contentStart: number }) | undefined;
  for (let start = 0; start <= text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (open) {
      if (closes(line, open)) {
        fences.push(fenceOf(open, start, end, true));
        open = undefined;
      }
    } else {
      const o = opening(line, start);
      if (o) open = { ...o, start, contentStart: nl === -1 ? text.length : nl + 1 };
      else lines.push({ text: line, start });
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  if (open) fences.push(fenceOf(open, text.length, text.length, false));
  return { fences, lines };
}

function fenceOf(
  open: Opening & { start: number; contentStart: number },
  closeStart: number,
  closeEnd: number,
  closed: boolean,
): Fence {
  // The content ends before the newline that precedes the closing fence line.
  const contentEnd = closed ? Math.max(open.contentStart, closeStart - 1) : closeStart;
  return {
    info: open.info,
    infoStart: open.infoStart,
    start: open.start,
    contentStart: Math.min(open.contentStart, contentEnd),
    contentEnd,
    end: closeEnd,
    indent: open.indent,
    closed,
  };
}
