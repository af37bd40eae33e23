/** Reads Chronicle YARA-L 2.0 files: one rule document per `rule NAME { ... }`, with its meta mapped to rule fields. */
import type { RuleDocument } from '../../model/rule.js';
import { diagnostic } from '../../text/diagnostics.js';
import { FileLocator } from '../../text/locator.js';
import { outlineRules, type RuleOutline } from '../../languages/yaral/outline.js';
import { ruleDocument, unreadableRule } from '../document.js';
import { taken, type FormatReader, type Taken, type SourceFile } from '../format.js';
import { declaredAttack } from './attack.js';

const LABEL = 'YARA-L';
const ORIGIN = 'yaral';
const RULE_OPENING = /(?:^|\n)[ \t]*rule[ \t]+\w+[ \t\r\n]*\{/;
const EVENTS_SECTION = /\bevents[ \t]*:/;
/** Documents and data files may quote a rule as an example; they belong to other readers or to none. */
const OTHER_FORMAT = /\.(?:md|markdown|rst|txt|html?|json|ya?ml|toml|py|js|ts|go|yara?)$/i;

/** Meta keys that become rule-document fields or context; every other key is kept in `metadata`. */
const MAPPED = new Set([
  'rule_id',
  'id',
  'rule_name',
  'description',
  'author',
  'severity',
  'status',
  'sigma_status',
  'rule_stage',
  'created',
  'date',
  'modified',
  'updated',
  'tags',
]);
/**
 * `product`, `service` and `category` (rules converted from Sigma) stay in `metadata`: they describe where the
 * rule came from, while Chronicle runs a rule on every event its UDM predicates select.
 */
const CONTEXT_KEYS = new Set(['data_source', 'platform']);
const REFERENCE_KEY = /^references?\d*$/;

type Meta = Map<string, string[]>;

function metaMap(outline: RuleOutline): Meta {
  const meta: Meta = new Map();
  for (const { key, value } of outline.meta) meta.set(key, [...(meta.get(key) ?? []), value]);
  return meta;
}

function first(meta: Meta, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = meta.get(key)?.[0]?.trim();
    if (value) return value;
  }
  return undefined;
}

function splitList(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** Context and metadata: what the meta carries besides the mapped fields; repeated keys become lists. */
function leftovers(meta: Meta): {
  context: Record<string, string | string[]>;
  metadata: Record<string, unknown>;
  references: string[];
} {
  const context: Record<string, string | string[]> = {};
  const metadata: Record<string, unknown> = {};
  const references: string[] = [];
  for (const [key, values] of meta) {
    if (REFERENCE_KEY.test(key)) references.push(...values.map((v) => v.trim()).filter((v) => v.length > 0));
    else if (CONTEXT_KEYS.has(key)) context[key] = values.length === 1 ? values[0] : values;
    else if (!MAPPED.has(key)) metadata[key] = values.length === 1 ? values[0] : values;
  }
  return { context, metadata, references };
}

function readRule(
  file: SourceFile,
  locator: FileLocator,
  outline: RuleOutline,
  n: number,
  several: boolean,
): RuleDocument {
  const meta = metaMap(outline);
  const raw = file.text.slice(outline.start, outline.end);
  const start = locator.position(outline.start);
  const { context, metadata, references } = leftovers(meta);
  const attackPairs = [
    ...outline.meta,
    ...outline.outcomeAttack.map((o) => ({ key: o.name, value: o.value })),
  ];
  return ruleDocument(file, 'yaral', LABEL, {
    id: first(meta, 'rule_id', 'id') ?? (several ? `${file.path}#${n}` : file.path),
    title: first(meta, 'rule_name') ?? outline.name,
    description: first(meta, 'description'),
    // Rules converted from Sigma keep the Sigma rule's status as `sigma_status`.
    status: first(meta, 'status', 'sigma_status', 'rule_stage')?.toLowerCase(),
    severity: first(meta, 'severity')?.toLowerCase(),
    authors: splitList(meta.get('author')),
    date: first(meta, 'created', 'date'),
    modified: first(meta, 'modified', 'updated'),
    references,
    tags: splitList(meta.get('tags')),
    attack: declaredAttack(attackPairs),
    context,
    language: 'yaral',
    raw,
    rawStart: start,
    query: { language: 'yaral', text: raw, start },
    metadata: { ...metadata, rule: outline.name },
  });
}

export const yaralReader: FormatReader<Taken> = {
  id: 'yaral',
  label: LABEL,
  recognize: (file) =>
    taken(!OTHER_FORMAT.test(file.path) && RULE_OPENING.test(file.text) && EVENTS_SECTION.test(file.text)),
  refusal: (file) => {
    if (!/\.yaral$/i.test(file.path)) return undefined;
    if (file.text.trim() === '') return 'Empty YARA-L file: no rule to read';
    if (!RULE_OPENING.test(file.text)) return 'No YARA-L rule in this .yaral file: expected "rule NAME {"';
    return 'No YARA-L rule in this .yaral file: no "events:" section';
  },
  read: (file) => {
    const locator = new FileLocator(file.text);
    const outlines = outlineRules(file.text);
    if (outlines.length === 0) {
      const reason = diagnostic(
        'error',
        'Unexpected content, expected "rule NAME {"',
        locator.position(0),
        ORIGIN,
      );
      return {
        rules: [unreadableRule(file, 'yaral', LABEL, 'yaral', [reason])],
        artifacts: [],
        diagnostics: [],
      };
    }
    const several = outlines.length > 1;
    return {
      rules: outlines.map((o, i) => readRule(file, locator, o, i + 1, several)),
      artifacts: [],
      diagnostics: [],
    };
  },
};
