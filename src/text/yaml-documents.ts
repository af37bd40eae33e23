/** YAML documents as readers and the Sigma parser take them: plain value, node tree and positioned diagnostics. */
import YAML, { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import { diagnostic } from './diagnostics.js';
import type { Locator } from './locator.js';

export interface YamlDocument {
  /** The document's node tree, with source ranges; kept for readers that need positions. */
  doc: Document.Parsed;
  /** The plain value, or undefined when the document could not be turned into one. */
  value: unknown;
  /** [start, end) of the document in the file. */
  start: number;
  end: number;
  diagnostics: Diagnostic[];
}

/** Aliases that expand past this many nodes are refused: a billion-laughs file must not stall an ingest. */
const MAX_ALIAS_COUNT = 100;

export function parseYamlDocuments(text: string, locator: Locator, origin: string): YamlDocument[] {
  const docs = YAML.parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, logLevel: 'error' });
  const list = Array.isArray(docs) ? docs : [docs];
  return list.map((doc) => toYamlDocument(doc as Document.Parsed, locator, origin));
}

function toYamlDocument(doc: Document.Parsed, locator: Locator, origin: string): YamlDocument {
  const diagnostics: Diagnostic[] = [];
  for (const e of doc.errors)
    diagnostics.push(diagnostic('error', yamlMessage(e.message), locator.span(e.pos[0], e.pos[1]), origin));
  for (const w of doc.warnings)
    diagnostics.push(diagnostic('warning', yamlMessage(w.message), locator.span(w.pos[0], w.pos[1]), origin));
  diagnostics.push(...duplicateKeys(doc.contents, locator, origin));
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const at = doc.range ? doc.range[0] : 0;
    diagnostics.push(
      diagnostic(
        'error',
        `Cannot read YAML document: ${(err as Error).message}`,
        locator.position(at),
        origin,
      ),
    );
  }
  const [start, , end] = doc.range ?? [0, 0, 0];
  return { doc, value, start, end, diagnostics };
}

/** The yaml library's messages carry a code excerpt after the first line; positions say the same. */
function yamlMessage(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** A key twice in one mapping is a warning; the node tree keeps both entries for readers that want them. */
function duplicateKeys(node: Node | null | undefined, locator: Locator, origin: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  const visit = (n: unknown): void => {
    if (isMap(n)) {
      const seen = new Set<string>();
      for (const pair of n.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined) {
          if (seen.has(key)) {
            const range = (pair.key as Node).range ?? [0, 0];
            found.push(
              diagnostic(
                'warning',
                `Duplicate key "${key}" in a mapping; both entries are kept`,
                locator.span(range[0], range[1]),
                origin,
              ),
            );
          }
          seen.add(key);
        }
        visit(pair.value);
      }
    } else if (isSeq(n)) {
      for (const item of n.items) visit(item);
    } else if (isPair(n)) {
      visit(n.value);
    }
  };
  visit(node);
  return found;
}

/** The plain value as a mapping, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
