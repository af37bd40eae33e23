/** YAML for the readers: nodes by path, and files whose first document must be one mapping. */
import type { Document, Node } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import { diagnostic } from '../text/diagnostics.js';
import { FileLocator } from '../text/locator.js';
import { asRecord, parseYamlDocuments, type YamlDocument } from '../text/yaml-documents.js';

/** The node at a path of keys and indexes, or undefined. */
export function nodeAt(doc: Document.Parsed, path: ReadonlyArray<string | number>): Node | undefined {
  const node = doc.getIn(path, true);
  return node && typeof node === 'object' && 'range' in (node as object) ? (node as Node) : undefined;
}

export type YamlMapping =
  | { ok: true; locator: FileLocator; doc: YamlDocument; record: Record<string, unknown> }
  | { ok: false; locator: FileLocator; diagnostics: Diagnostic[] };

/**
 * A file whose first YAML document must be a mapping (one rule, one data source): the mapping, or the
 * YAML problems plus one error saying what was expected, at the file's start.
 */
export function readYamlMapping(text: string, origin: string, expected: string): YamlMapping {
  const locator = new FileLocator(text);
  const [doc] = parseYamlDocuments(text, locator, origin);
  const record = asRecord(doc?.value);
  if (doc && record) return { ok: true, locator, doc, record };
  const at = diagnostic(
    'error',
    `Unexpected YAML content, expected ${expected}`,
    locator.position(0),
    origin,
  );
  return { ok: false, locator, diagnostics: [...(doc?.diagnostics ?? []), at] };
}
