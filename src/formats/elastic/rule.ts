/** Reads Elastic detection-rules TOML (`[metadata]` + `[rule]`), rules and building blocks alike, into rule documents. */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { LanguageId } from '../../model/ids.js';
import type { QuerySource } from '../../model/rule.js';
import { taken, type FormatReader, type Taken, type ReadResult, type SourceFile } from '../format.js';
import { diagnostic } from '../../text/diagnostics.js';
import { optionalString, ruleDocument, stringList, unreadableRule } from '../document.js';
import { threatAttack } from './threat.js';
import { asTable, defined, headerPosition, querySource, readToml } from './toml-file.js';
import { stringSites } from './toml-sites.js';

const LABEL = 'TOML';
const ORIGIN = 'elastic-rule';
const QUERY_LANGUAGES = new Set<LanguageId>(['eql', 'kuery', 'lucene', 'esql']);
/** `[rule]` keys that have a place of their own in the rule document; the rest go to `metadata`. */
const MAPPED_RULE_KEYS = new Set([
  'rule_id',
  'name',
  'description',
  'severity',
  'author',
  'references',
  'tags',
  'threat',
  'index',
  'type',
  'language',
  'query',
]);
const MAPPED_METADATA_KEYS = new Set(['creation_date', 'updated_date', 'integration', 'maturity']);

function isRuleFile(file: SourceFile): boolean {
  return (
    file.path.toLowerCase().endsWith('.toml') &&
    (file.text.startsWith('[rule]') || file.text.includes('\n[rule]'))
  );
}

function rest(table: Record<string, unknown>, mapped: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(table).filter(([k]) => !mapped.has(k)));
}

/** The rule's query language: `type = "esql"` rules are ES|QL whatever `language` says. */
function languageOf(rule: Record<string, unknown>): string | undefined {
  if (rule.type === 'esql') return 'esql';
  return optionalString(rule.language)?.toLowerCase();
}

interface QueryFinding {
  language: LanguageId | null;
  query: QuerySource | null;
  diagnostics: Diagnostic[];
}

function findQuery(file: SourceFile, rule: Record<string, unknown>): QueryFinding {
  const text = typeof rule.query === 'string' ? rule.query : undefined;
  const language = languageOf(rule);
  if (text === undefined) {
    const at = headerPosition(file.text, 'rule');
    const what =
      rule.type === 'machine_learning'
        ? 'A machine learning rule has no query'
        : `A ${String(rule.type ?? 'rule')} rule without a query`;
    return {
      language: null,
      query: null,
      diagnostics: [diagnostic('info', `${what}; its metadata is kept`, at, ORIGIN)],
    };
  }
  if (!language || !QUERY_LANGUAGES.has(language as LanguageId)) {
    const message = `Unexpected query language ${JSON.stringify(language ?? '')}, expected one of eql, kuery, lucene, esql`;
    return {
      language: null,
      query: null,
      diagnostics: [diagnostic('warning', message, headerPosition(file.text, 'rule'), ORIGIN)],
    };
  }
  const site = stringSites(file.text, 'rule', 'query')[0];
  return {
    language: language as LanguageId,
    query: querySource(file.text, site, text, language as LanguageId),
    diagnostics: [],
  };
}

function readRule(file: SourceFile): ReadResult {
  const read = readToml(file.text, ORIGIN);
  if (read.error)
    return {
      rules: [unreadableRule(file, 'elastic-rule', LABEL, null, [read.error])],
      artifacts: [],
      diagnostics: [],
    };
  const { table } = read;
  const rule = asTable(table.rule) ?? {};
  const meta = asTable(table.metadata) ?? {};
  const found = findQuery(file, rule);
  const context: Record<string, string | string[]> = {};
  if (rule.index !== undefined) context.index = stringList(rule.index);
  if (rule.type !== undefined) context.type = String(rule.type);
  if (meta.integration !== undefined) context.integration = stringList(meta.integration);
  const others = Object.fromEntries(Object.entries(table).filter(([k]) => k !== 'rule' && k !== 'metadata'));
  const doc = ruleDocument(
    file,
    'elastic-rule',
    LABEL,
    defined({
      id: optionalString(rule.rule_id),
      title: optionalString(rule.name),
      description: optionalString(rule.description),
      severity: optionalString(rule.severity),
      status: optionalString(meta.maturity),
      authors: stringList(rule.author),
      date: optionalString(meta.creation_date),
      modified: optionalString(meta.updated_date),
      references: stringList(rule.references),
      tags: stringList(rule.tags),
      attack: threatAttack(rule.threat),
      context,
      language: found.language,
      query: found.query,
      metadata: { ...rest(meta, MAPPED_METADATA_KEYS), ...rest(rule, MAPPED_RULE_KEYS), ...others },
      diagnostics: found.diagnostics,
    }),
  );
  return { rules: [doc], artifacts: [], diagnostics: [] };
}

export const elasticRuleReader: FormatReader<Taken> = {
  id: 'elastic-rule',
  label: LABEL,
  recognize: (file) => taken(isRuleFile(file)),
  read: readRule,
};
