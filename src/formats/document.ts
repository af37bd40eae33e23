/** Builds rule documents with the defaults every reader shares, and the document for a file that failed. */
import type { Diagnostic } from '../model/diagnostic.js';
import type { FormatId, LanguageId } from '../model/ids.js';
import type { RuleDocument } from '../model/rule.js';
import type { SourceFile } from './format.js';
import { FileLocator } from '../text/locator.js';

type RuleFields = Partial<Omit<RuleDocument, 'type' | 'format' | 'source' | 'file'>>;

/** A rule document for `file`, with empty lists and the file's facts filled in. */
export function ruleDocument(
  file: SourceFile,
  format: FormatId,
  label: string,
  fields: RuleFields,
): RuleDocument {
  const locator = FileLocator.of(file.text);
  return {
    type: 'rule',
    authors: [],
    references: [],
    tags: [],
    attack: { techniques: [], tactics: [], names: {} },
    context: {},
    language: null,
    raw: file.text,
    rawStart: { line: 1, column: 1, offset: 0 },
    query: null,
    metadata: {},
    diagnostics: [],
    ...fields,
    // A reader may pass fields it could not fill as undefined: the defaults still hold.
    id: fields.id ?? file.path,
    title: fields.title ?? baseName(file.path),
    format,
    source: { name: file.sourceName, path: file.path },
    file: { path: file.path, lines: locator.lineCount, bytes: file.bytes, format: label },
  };
}

/** The rule document for a file whose content could not be read as a rule: raw text and the reasons. */
export function unreadableRule(
  file: SourceFile,
  format: FormatId,
  label: string,
  language: LanguageId | null,
  diagnostics: Diagnostic[],
): RuleDocument {
  return ruleDocument(file, format, label, { language, diagnostics });
}

export function baseName(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** A value as a list of strings: a string becomes a one-item list; other scalars are stringified. */
export function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.filter((v) => v !== null && v !== undefined && typeof v !== 'object').map((v) => String(v));
}

/** A scalar value as a string, or undefined. */
export function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null || typeof value === 'object') return undefined;
  return String(value);
}
