/** Reads Markdown hunting documents (Defender XDR / Sentinel collections): one Kusto rule per query block. */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { QuerySource, RuleDocument } from '../../model/rule.js';
import { diagnostic } from '../../text/diagnostics.js';
import { FileLocator } from '../../text/locator.js';
import { probeKusto } from '../../languages/kusto/probe.js';
import type { PreparedKusto } from '../../languages/kusto/index.js';
import { baseName, ruleDocument } from '../document.js';
import type { FormatReader, SourceFile } from '../format.js';
import { scanMarkdown, type Fence } from './fences.js';
import { outlineOf, sectionOf, type Outline } from './outline.js';

const LABEL = 'Markdown';
const KQL_LABELS = new Set(['kql', 'kusto', 'csl']);
const GLUED_LABEL = /^kql([A-Za-z_]\w*)$/i;
/**
 * A line starting with `| where`, `| project`, ... or a `let` statement: what a KQL block looks like even
 * when a mistake keeps it from parsing (such a block is kept as a rule with its diagnostic, not lost).
 */
const PIPELINE_SHAPE =
  /^\s*(?:\|\s*(?:where|project|extend|summarize|join|union|take|limit|sort|order|top|distinct|mv-expand|mv-apply|parse|evaluate|lookup|count|render|make-series|invoke)\b|let\s+\w+\s*=)/m;

interface QueryBlock {
  fence: Fence;
  source: QuerySource;
  prepared?: PreparedKusto;
  diagnostics: Diagnostic[];
}

interface MarkdownRead {
  outline: Outline;
  blocks: QueryBlock[];
  locator: FileLocator;
}

/** `recognizes` and `read` see the same file one after the other: the scan is kept for the second call. */
let last: { file: SourceFile; result: MarkdownRead } | undefined;

function scanFile(file: SourceFile): MarkdownRead {
  if (last && last.file === file) return last.result;
  const scan = scanMarkdown(file.text);
  const outline = outlineOf(scan.lines);
  const locator = new FileLocator(file.text);
  const blocks: QueryBlock[] = [];
  for (const fence of scan.fences) {
    const block = queryBlock(file.text, fence, outline, locator);
    if (block) blocks.push(block);
  }
  const result = { outline, blocks, locator };
  last = { file, result };
  return result;
}

/** The fence as a Kusto query block, or undefined when it holds something else. */
function queryBlock(
  text: string,
  fence: Fence,
  outline: Outline,
  locator: FileLocator,
): QueryBlock | undefined {
  const label = fence.info.split(/[\s{]/, 1)[0];
  const glued = fence.indent === 0 ? GLUED_LABEL.exec(label) : null;
  if (glued) {
    // ```KQLDeviceEvents: the author's first line ran into the label; the query starts inside the info string.
    const source = querySource(text, fence, locator, fence.infoStart + 3);
    const warning = diagnostic(
      'warning',
      `Unexpected fence label "${label}", expected "KQL" on a line of its own; read as KQL followed by "${glued[1]}"`,
      locator.span(fence.infoStart, fence.infoStart + label.length),
      'kql-markdown',
    );
    return { fence, source, diagnostics: [warning, ...unclosed(fence, locator)] };
  }
  const source = querySource(text, fence, locator);
  if (KQL_LABELS.has(label.toLowerCase())) return { fence, source, diagnostics: unclosed(fence, locator) };
  if (source.text.trim() === '') return undefined;
  const probe = probeKusto(source.text);
  const shaped = PIPELINE_SHAPE.test(source.text) && (label === '' || outline.saysKusto);
  if (!probe?.isQuery && !shaped) return undefined;
  const prepared = probe ? { text: source.text, script: probe.script } : undefined;
  return { fence, source, prepared, diagnostics: unclosed(fence, locator) };
}

function unclosed(fence: Fence, locator: FileLocator): Diagnostic[] {
  if (fence.closed) return [];
  return [
    diagnostic(
      'warning',
      'Unexpected end of file, expected a closing code fence',
      locator.position(fence.start),
      'kql-markdown',
    ),
  ];
}

/** The block's text with the fence's indentation removed; positions map line by line when it was indented. */
function querySource(
  text: string,
  fence: Fence,
  locator: FileLocator,
  from = fence.contentStart,
): QuerySource {
  const slice = text.slice(from, fence.contentEnd);
  if (fence.indent === 0) return { language: 'kusto', text: slice, start: locator.position(from) };
  const lines: string[] = [];
  const lineStarts = [];
  let offset = from;
  for (const line of slice.split('\n')) {
    let cut = 0;
    while (cut < fence.indent && line.charCodeAt(cut) === 32) cut++;
    lines.push(line.slice(cut));
    lineStarts.push(locator.position(offset + cut));
    offset += line.length + 1;
  }
  return { language: 'kusto', text: lines.join('\n'), start: lineStarts[0], lineStarts };
}

function blockRule(file: SourceFile, read: MarkdownRead, block: QueryBlock, n: number): RuleDocument {
  const { outline, blocks, locator } = read;
  const docTitle = outline.title ?? baseName(file.path);
  const section = sectionOf(outline, block.fence.start);
  return ruleDocument(file, 'kql-markdown', LABEL, {
    id: blocks.length > 1 ? `${file.path}#${n}` : file.path,
    title: section ? `${docTitle} — ${section}` : docTitle,
    description: outline.description,
    authors: outline.authors,
    references: outline.references,
    attack: { techniques: outline.techniques, tactics: outline.tactics, names: {} },
    language: 'kusto',
    raw: file.text.slice(block.fence.start, block.fence.end),
    rawStart: locator.position(block.fence.start),
    query: block.source,
    metadata: { ...(section ? { section } : {}), block: n, fence: block.fence.info },
    diagnostics: block.diagnostics,
  });
}

export const kqlMarkdownReader: FormatReader = {
  id: 'kql-markdown',
  label: LABEL,
  recognizes: (file) =>
    /\.(md|markdown)$/i.test(file.path) &&
    /^ {0,3}(```|~~~)/m.test(file.text) &&
    scanFile(file).blocks.length > 0,
  read: (file) => {
    const read = scanFile(file);
    return {
      rules: read.blocks.map((block, i) => blockRule(file, read, block, i + 1)),
      artifacts: [],
      diagnostics: [],
      prepared: read.blocks.map((block) => block.prepared),
    };
  },
};
