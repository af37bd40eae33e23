/** Reads Markdown hunting documents (Defender XDR / Sentinel collections): one Kusto rule per query block. */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { QuerySource, RuleDocument } from '../../model/rule.js';
import { diagnostic } from '../../text/diagnostics.js';
import { FileLocator } from '../../text/locator.js';
import { probeKusto } from '../../languages/kusto/probe.js';
import { preparedKusto, type PreparedKusto } from '../../languages/kusto/prepared.js';
import { baseName, ruleDocument } from '../document.js';
import type { FormatReader, SourceFile } from '../format.js';
import { scanMarkdown, type Fence } from './fences.js';
import { outlineOf, sectionOf, type Outline } from './outline.js';
import { blockParts, unfencedQueries, type QueryPart } from './query-parts.js';

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
  /** Set when the fence holds several queries: this one's number and offsets. */
  part?: QueryPart;
  source: QuerySource;
  prepared?: PreparedKusto;
  diagnostics: Diagnostic[];
}

/** The reader's claim on a Markdown file: its outline and query blocks, found once and read from. */
interface MarkdownClaim {
  outline: Outline;
  blocks: QueryBlock[];
}

/** The file's query blocks, or undefined when it has none (then it is not this reader's). */
function scanFile(file: SourceFile): MarkdownClaim | undefined {
  if (
    !/\.(md|markdown)$/i.test(file.path) ||
    !/^ {0,3}(```|~~~|#{1,6}[ \t]+(?:\w+[ \t]+)?quer)/im.test(file.text)
  )
    return undefined;
  const scan = scanMarkdown(file.text);
  const outline = outlineOf(scan.lines);
  const locator = new FileLocator(file.text);
  const blocks: QueryBlock[] = [];
  const unfenced = unfencedQueries(file.text, outline.headings, scan.fences, scan.lines);
  const fences = [...scan.fences, ...unfenced].sort((a, b) => a.start - b.start);
  for (const fence of fences) {
    const block = queryBlock(file.text, fence, outline, locator);
    if (!block) continue;
    for (const { source, part } of blockParts(block.source, locator))
      blocks.push(part ? { ...block, source, part, prepared: undefined } : block);
  }
  return blocks.length > 0 ? { outline, blocks } : undefined;
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
  const prepared = probe ? preparedKusto(source.text, probe.script) : undefined;
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

function blockRule(
  file: SourceFile,
  { outline, blocks }: MarkdownClaim,
  locator: FileLocator,
  block: QueryBlock,
  n: number,
): RuleDocument {
  const docTitle = outline.title ?? baseName(file.path);
  const section = sectionOf(outline, block.fence.start);
  const title = section ? `${docTitle} — ${section}` : docTitle;
  const start = block.part?.start ?? block.fence.start;
  return ruleDocument(file, 'kql-markdown', LABEL, {
    id: blocks.length > 1 ? `${file.path}#${n}` : file.path,
    title: block.part && block.part.n > 1 ? `${title} #${block.part.n}` : title,
    description: outline.description,
    authors: outline.authors,
    references: outline.references,
    attack: { techniques: outline.techniques, tactics: outline.tactics, names: {} },
    language: 'kusto',
    raw: file.text.slice(start, block.part?.end ?? block.fence.end),
    rawStart: locator.position(start),
    query: block.source,
    metadata: { ...(section ? { section } : {}), block: n, fence: block.fence.info },
    diagnostics: block.diagnostics,
  });
}

export const kqlMarkdownReader: FormatReader<MarkdownClaim> = {
  id: 'kql-markdown',
  label: LABEL,
  recognize: scanFile,
  read: (file, claim) => {
    const locator = new FileLocator(file.text);
    return {
      rules: claim.blocks.map((block, i) => blockRule(file, claim, locator, block, i + 1)),
      artifacts: [],
      diagnostics: [],
      prepared: claim.blocks.map((block) => block.prepared),
    };
  },
};
