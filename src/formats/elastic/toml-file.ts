/** TOML files for the Elastic readers: parsing with positioned diagnostics, and query strings with their file positions. */
import { parse, TomlError } from 'smol-toml';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { LanguageId } from '../../model/ids.js';
import type { QuerySource } from '../../model/rule.js';
import type { Position } from '../../model/span.js';
import { diagnostic } from '../../text/diagnostics.js';
import { FileLocator, lineStarts, locateLines } from '../../text/locator.js';
import type { StringSite } from './toml-sites.js';

export type TomlRead =
  { table: Record<string, unknown>; error?: undefined } | { table?: undefined; error: Diagnostic };

/** Parses a TOML file; a syntax error becomes an error diagnostic at smol-toml's line and column. */
export function readToml(text: string, origin: string): TomlRead {
  try {
    return { table: plain(parse(text)) as Record<string, unknown> };
  } catch (err) {
    if (!(err instanceof TomlError)) {
      return {
        error: diagnostic(
          'error',
          `Cannot read TOML: ${(err as Error).message}`,
          { line: 1, column: 1, offset: 0 },
          origin,
        ),
      };
    }
    const starts = lineStarts(text);
    const lineStart = starts[Math.min(err.line, starts.length) - 1] ?? 0;
    const at: Position = {
      line: err.line,
      column: err.column,
      offset: Math.min(lineStart + err.column - 1, text.length),
    };
    const message = err.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
    return { error: diagnostic('error', `Invalid TOML: ${message}`, at, origin) };
  }
}

/** TOML dates become ISO strings, so documents stay plain JSON. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** Drops undefined entries, so `ruleDocument()` keeps its defaults (an absent `rule_id` must not erase the path id). */
export function defined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;
}

export function asTable(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * The query source for a string value read from `site`. A literal string is the file's own text; a basic
 * string has escapes, so each of its lines is located in the file instead.
 */
export function querySource(
  fileText: string,
  site: StringSite | undefined,
  value: string,
  language: LanguageId,
  options?: Record<string, unknown>,
): QuerySource {
  const source: QuerySource = { language, text: value, start: { line: 1, column: 1, offset: 0 } };
  if (options) source.options = options;
  const file = new FileLocator(fileText);
  if (!site) {
    // Unusual layout the scanner did not follow: the first place the text occurs, if it does.
    const found = fileText.indexOf(value);
    source.start = file.position(Math.max(found, 0));
    return source;
  }
  if (fileText.slice(site.contentStart, site.contentEnd) === value) {
    source.start = file.position(site.contentStart);
    return source;
  }
  source.lineStarts = locateLines(fileText, site.contentStart, site.contentEnd, value);
  source.start = source.lineStarts[0];
  return source;
}

/** Position of a `[table]` header, for diagnostics about the table as a whole. */
export function headerPosition(fileText: string, table: string): Position {
  const at = fileText.indexOf(`[${table}]`);
  return new FileLocator(fileText).position(Math.max(at, 0));
}
