/**
 * Multi-document Sigma files, the one place they are assembled (the reader and the parser both use it):
 * `action: global` is merged into every following rule document (until `action: reset`), `action: repeat`
 * repeats the previous rule with its own content merged in. Each rule keeps the list of documents it was
 * built from, so the parser can find positions in any of them.
 */
import { isMap, isScalar, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../../model/diagnostic.js';
import { diagnostic } from '../../text/diagnostics.js';
import type { Locator } from '../../text/locator.js';
import { asRecord, type YamlDocument } from '../../text/yaml-documents.js';

export interface RulePart {
  /** The rule as plain data, global and repeated parts merged in. */
  value: Record<string, unknown>;
  /** The documents it was built from, in merge order; the last is its own. */
  documents: YamlDocument[];
  own: YamlDocument;
}

/** Sigma's merge: mappings merge key by key, anything else is replaced by the later value. */
export function deepMerge(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const before = asRecord(out[key]);
    const after = asRecord(value);
    out[key] = before && after ? deepMerge(before, after) : value;
  }
  return out;
}

function pairKey(pair: Pair): string | undefined {
  return isScalar(pair.key) && pair.key.value !== null ? String(pair.key.value) : undefined;
}

/**
 * A document's top-level mapping as plain data. A key written twice (already a warning) keeps both
 * entries where they can be joined (two `tags:` lists), else the first.
 */
function topLevel(doc: YamlDocument): Record<string, unknown> | undefined {
  const value = asRecord(doc.value);
  if (!value || !isMap(doc.doc.contents)) return value;
  const pairs = (doc.doc.contents as YAMLMap).items;
  const keys = pairs.map(pairKey);
  if (new Set(keys).size === keys.length) return value;
  const out: Record<string, unknown> = {};
  pairs.forEach((pair, i) => {
    const key = keys[i];
    if (key === undefined) return;
    const item =
      isScalar(pair.value) || pair.value === null ? (pair.value?.value ?? null) : plainOf(pair, doc);
    if (!(key in out)) out[key] = item;
    else if (Array.isArray(out[key]) && Array.isArray(item)) out[key] = [...(out[key] as unknown[]), ...item];
  });
  return out;
}

function plainOf(pair: Pair, doc: YamlDocument): unknown {
  try {
    return (pair.value as { toJS(d: unknown, o: unknown): unknown }).toJS(doc.doc, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

function isEmpty(doc: YamlDocument): boolean {
  return (doc.value === null || doc.value === undefined) && doc.diagnostics.length === 0;
}

/** The rule documents of a file, in order; problems with global parts go to `fileDiagnostics`. */
export function assembleRules(
  docs: YamlDocument[],
  locator: Locator,
  fileDiagnostics: Diagnostic[],
): RulePart[] {
  const parts: RulePart[] = [];
  let global: { value: Record<string, unknown>; documents: YamlDocument[] } = { value: {}, documents: [] };
  let previous: RulePart | undefined;
  for (const doc of docs) {
    if (isEmpty(doc)) continue;
    const value = topLevel(doc);
    const action = typeof value?.action === 'string' ? value.action : undefined;
    if (action === 'global' || action === 'reset') {
      fileDiagnostics.push(...doc.diagnostics);
      global =
        action === 'global'
          ? { value: withoutAction(value!), documents: [doc] }
          : { value: {}, documents: [] };
      continue;
    }
    let base = global;
    if (action === 'repeat') {
      if (previous) base = previous;
      else
        doc.diagnostics.push(
          diagnostic(
            'warning',
            'Unexpected "action: repeat", expected a rule document before it',
            locator.position(doc.start),
            'sigma',
          ),
        );
    }
    if (value === undefined && doc.value !== undefined && doc.value !== null) {
      doc.diagnostics.push(
        diagnostic(
          'error',
          'Unexpected value, expected a mapping with title, logsource and detection',
          locator.position(doc.start),
          'sigma',
        ),
      );
    }
    const own = withoutAction(value ?? {});
    const merged = base.documents.length > 0 ? deepMerge(base.value, own) : own;
    const part: RulePart = { value: merged, documents: [...base.documents, doc], own: doc };
    parts.push(part);
    previous = part;
  }
  return parts;
}

function withoutAction(value: Record<string, unknown>): Record<string, unknown> {
  if (!('action' in value)) return value;
  const { action: _action, ...rest } = value;
  return rest;
}
