/**
 * The YAML a Sigma rule is parsed from: the documents the reader handed over (already parsed, with file
 * offsets), or else the rule's own text parsed and assembled here the same way (see documents.ts): the
 * first rule of the stream, global and repeated parts merged in document order.
 */
import { isMap, isScalar, type Document, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { ParseInput } from '../language.js';
import { QueryLocator } from '../../text/locator.js';
import { parseYamlDocuments } from '../../text/yaml-documents.js';
import { assembleRules } from './documents.js';
import type { NodeText } from './scalar-locator.js';

export interface RuleYaml {
  documents: Document.Parsed[];
  nodes: NodeText;
  /** Problems of the YAML itself when the parser read it (else the reader reported them). */
  diagnostics: Diagnostic[];
}

export function ruleYaml(input: ParseInput): RuleYaml {
  const prepared = input.prepared;
  if (prepared?.language === 'sigma')
    return { documents: prepared.documents, nodes: prepared.locator, diagnostics: [] };
  const locator = new QueryLocator(input.source);
  const nodes: NodeText = {
    text: input.source.text,
    position: (o) => locator.position(o),
    span: (a, b) => locator.span(a, b),
  };
  const all = parseYamlDocuments(input.source.text, nodes, 'sigma');
  // Assembly adds its problems to the documents' own, which are all reported here; global parts' go to both.
  const [first] = assembleRules(all, nodes, []);
  const diagnostics = all.flatMap((doc) => doc.diagnostics);
  return { documents: first ? first.documents.map((d) => d.doc) : [], nodes, diagnostics };
}

/** The pairs of a document's top-level mapping. */
export function topPairs(doc: Document.Parsed): Pair[] {
  return isMap(doc.contents) ? (doc.contents as YAMLMap).items : [];
}

export function keyText(pair: Pair): string | undefined {
  return isScalar(pair.key) && pair.key.value !== null ? String(pair.key.value) : undefined;
}

/** The top-level pair `key` in the last document that has it: later documents override earlier ones. */
export function lastTopPair(documents: readonly Document.Parsed[], key: string): Pair | undefined {
  for (let d = documents.length - 1; d >= 0; d--) {
    const pair = topPairs(documents[d]).find((p) => keyText(p) === key);
    if (pair) return pair;
  }
  return undefined;
}

/**
 * The entries of a top-level mapping section (`detection`, `filter`) merged across documents: an entry a
 * later document names again replaces the earlier documents' ones; repeats inside one document all stay.
 */
export function sectionPairs(documents: readonly Document.Parsed[], section: string): Pair[] | undefined {
  let merged: Pair[] | undefined;
  for (const doc of documents) {
    const pair = topPairs(doc).find((p) => keyText(p) === section);
    if (!pair) continue;
    const own = isMap(pair.value) ? (pair.value as YAMLMap).items : [];
    const names = new Set(own.map(keyText));
    merged = [...(merged ?? []).filter((p) => !names.has(keyText(p))), ...own];
  }
  return merged;
}

/** A mapping section's scalar entries as strings, merged across documents (`logsource`). */
export function sectionStrings(documents: readonly Document.Parsed[], section: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of sectionPairs(documents, section) ?? []) {
    const key = keyText(pair);
    if (key !== undefined && isScalar(pair.value) && pair.value.value !== null)
      out.set(key, String(pair.value.value));
  }
  return out;
}
