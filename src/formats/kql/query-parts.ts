/**
 * Query blocks a Markdown document holds beyond one query per fence: a fence with several queries in it
 * (`// Query #1`, `// Query #2`), and a query written under a `## Query` heading with no fence at all.
 */
import type { QuerySource } from '../../model/rule.js';
import type { FileLocator } from '../../text/locator.js';
import { looksLikeKustoQuery } from '../../languages/kusto/probe.js';
import { splitQueries } from '../../languages/kusto/split.js';
import type { Fence, TextLine } from './fences.js';
import type { Heading } from './outline.js';

/** One query of a block that holds several: its number in the block and its offsets in the file. */
export interface QueryPart {
  n: number;
  start: number;
  end: number;
}

/** A contiguous block's queries, each with its own source; one entry (no part) when it holds one query. */
export function blockParts(
  source: QuerySource,
  locator: FileLocator,
): Array<{ source: QuerySource; part?: QueryPart }> {
  // An indented fence's text is not a slice of the file; such blocks are not split.
  if (source.lineStarts) return [{ source }];
  const parts = splitQueries(source.text);
  if (parts.length === 1) return [{ source }];
  const base = source.start.offset;
  return parts.map((p, i) => ({
    source: {
      language: 'kusto',
      text: source.text.slice(p.start, p.end),
      start: locator.position(base + p.start),
    },
    part: { n: i + 1, start: base + p.start, end: base + p.end },
  }));
}

const QUERY_HEADING = /^(?:kql\s+|kusto\s+|hunting\s+)?quer(?:y|ies)\b/i;

/**
 * Queries under a `## Query` heading that has no fence: the section's text up to the next heading, when it
 * plainly holds a query. Returned as fences without markers, so they are read like any other block.
 */
export function unfencedQueries(
  text: string,
  headings: Heading[],
  fences: Fence[],
  lines: TextLine[],
): Fence[] {
  const out: Fence[] = [];
  headings.forEach((h, i) => {
    if (!QUERY_HEADING.test(h.text)) return;
    const after = lines.find((l) => l.start > h.start);
    if (!after) return;
    const end = headings[i + 1]?.start ?? text.length;
    const start = after.start;
    if (start >= end || fences.some((f) => f.start >= start && f.start < end)) return;
    const body = text.slice(start, end).replace(/\s+$/, '');
    if (!looksLikeKustoQuery(body)) return;
    const contentEnd = start + body.length;
    out.push({
      info: '',
      infoStart: start,
      start,
      contentStart: start,
      contentEnd,
      end: contentEnd,
      indent: 0,
      closed: true,
    });
  });
  return out;
}
