/**
 * The YAML a Sigma rule is parsed from: the documents the reader handed over (already parsed, with file
 * offsets), or else the rule's own text parsed here. Multi-document rules merge in document order:
 * `action: global` parts first, then the rule's own document.
 */
import YAML, { isMap, isScalar, type Document, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { ParseInput } from '../language.js';
import { languageDiagnostic } from '../kit/problem.js';
import { QueryLocator } from '../../text/locator.js';
import type { NodeText } from './scalar-locator.js';

/** What the Sigma reader hands the parser for one rule (`ReadResult.prepared`). */
export interface SigmaHandOff {
  /** Positions in the file the documents were parsed from; `text` is the file's text. */
  locator: NodeText;
  /** The documents that make up the rule, in merge order: global parts, a repeated rule, its own document. */
  documents: Document.Parsed[];
}

export interface RuleYaml {
  documents: Document.Parsed[];
  nodes: NodeText;
  /** True when the parser read the YAML itself, so YAML problems are its to report (else the reader did). */
  ownYaml: boolean;
  diagnostics: Diagnostic[];
}

export function isSigmaHandOff(value: unknown): value is SigmaHandOff {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<SigmaHandOff>;
  return Array.isArray(candidate.documents) && typeof candidate.locator?.text === 'string';
}

export function ruleYaml(input: ParseInput): RuleYaml {
  if (isSigmaHandOff(input.prepared)) {
    return {
      documents: input.prepared.documents,
      nodes: input.prepared.locator,
      ownYaml: false,
      diagnostics: [],
    };
  }
  const locator = new QueryLocator(input.source);
  const nodes: NodeText = {
    text: input.source.text,
    position: (o) => locator.position(o),
    span: (a, b) => locator.span(a, b),
  };
  const parsed = YAML.parseAllDocuments(input.source.text, {
    uniqueKeys: false,
    prettyErrors: false,
    logLevel: 'error',
  });
  const all = (Array.isArray(parsed) ? parsed : [parsed]) as Document.Parsed[];
  const diagnostics: Diagnostic[] = [];
  for (const doc of all) {
    for (const e of doc.errors)
      diagnostics.push(
        languageDiagnostic(
          'sigma',
          'yaml-syntax',
          'error',
          yamlMessage(e.message),
          nodes.span(e.pos[0], e.pos[1]),
        ),
      );
    for (const w of doc.warnings)
      diagnostics.push(
        languageDiagnostic(
          'sigma',
          'yaml-syntax',
          'warning',
          yamlMessage(w.message),
          nodes.span(w.pos[0], w.pos[1]),
        ),
      );
  }
  return { documents: firstRule(all), nodes, ownYaml: true, diagnostics };
}

function yamlMessage(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** The documents of the first rule in a stream: the global part in force, then the rule's document. */
function firstRule(documents: Document.Parsed[]): Document.Parsed[] {
  let global: Document.Parsed[] = [];
  for (const doc of documents) {
    const action = topScalar(doc, 'action');
    if (action === 'global') global = [doc];
    else if (action === 'reset') global = [];
    else if (isMap(doc.contents)) return [...global, doc];
  }
  return global;
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

function topScalar(doc: Document.Parsed, key: string): string | undefined {
  const pair = topPairs(doc).find((p) => keyText(p) === key);
  return pair && isScalar(pair.value) && typeof pair.value.value === 'string' ? pair.value.value : undefined;
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
