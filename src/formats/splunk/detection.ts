/** Reads Splunk security_content detection YAML: one rule whose `search:` is SPL, with its tags and tests. */
import { taken, type FormatReader, type Taken, type ReadResult, type SourceFile } from '../format.js';
import type { RuleDocument } from '../../model/rule.js';
import { optionalString, ruleDocument, stringList, unreadableRule } from '../document.js';
import { nodeAt, readYamlMapping } from '../yaml.js';
import { asRecord } from '../../text/yaml-documents.js';
import { mergeIds, tacticIds, techniqueIds } from '../attack-ids.js';
import { diagnostic } from '../../text/diagnostics.js';
import { scalarQuery } from './query-scalar.js';
import { hasIndentedKey, hasKeyAtLineStart, isYamlPath } from './top-keys.js';

const FORMAT = 'splunk-detection';
const LABEL = 'YAML';

/** Keys the document maps to its own fields; everything else goes to metadata. */
const MAPPED = new Set([
  'name',
  'id',
  'date',
  'author',
  'status',
  'description',
  'references',
  'search',
  'tags',
  'data_source',
  'data_sources',
]);

export const splunkDetectionReader: FormatReader<Taken> = {
  id: FORMAT,
  label: LABEL,
  recognize: (file) =>
    taken(
      isYamlPath(file.path) &&
        hasKeyAtLineStart(file.text, 'search') &&
        (hasKeyAtLineStart(file.text, 'data_source') ||
          hasKeyAtLineStart(file.text, 'data_sources') ||
          hasIndentedKey(file.text, 'mitre_attack_id')),
    ),
  read: readDetection,
};

function readDetection(file: SourceFile): ReadResult {
  const yaml = readYamlMapping(file.text, FORMAT, 'a mapping with a search');
  if (!yaml.ok)
    return {
      rules: [unreadableRule(file, FORMAT, LABEL, 'spl', yaml.diagnostics)],
      artifacts: [],
      diagnostics: [],
    };
  const { locator, doc, record } = yaml;
  const rule = detectionRule(file, record, doc.diagnostics);
  const search = optionalString(record.search);
  if (search !== undefined) rule.query = scalarQuery(file.text, nodeAt(doc.doc, ['search']), search, 'spl');
  else
    rule.diagnostics.push(
      diagnostic(
        'error',
        'Unexpected detection without a search, expected a `search:` string',
        locator.position(0),
        FORMAT,
      ),
    );
  return { rules: [rule], artifacts: [], diagnostics: [] };
}

function detectionRule(
  file: SourceFile,
  record: Record<string, unknown>,
  diagnostics: RuleDocument['diagnostics'],
): RuleDocument {
  const tags = asRecord(record.tags) ?? {};
  const techniques = mergeIds(...stringList(tags.mitre_attack_id).map(techniqueIds));
  const tactics = mergeIds(...stringList(tags.mitre_attack_tactic ?? tags.kill_chain_phases).map(tacticIds));
  const context: RuleDocument['context'] = {
    data_source: stringList(record.data_source ?? record.data_sources),
  };
  const type = optionalString(record.type);
  if (type) context.type = type;
  return ruleDocument(file, FORMAT, LABEL, {
    id: optionalString(record.id),
    title: optionalString(record.name),
    description: optionalString(record.description)?.trim(),
    status: optionalString(record.status),
    authors: authorsOf(record.author),
    date: optionalString(record.date),
    references: stringList(record.references),
    tags: tagList(tags),
    attack: { techniques, tactics, names: {} },
    context,
    language: 'spl',
    metadata: metadataOf(record, tags),
    diagnostics: [...diagnostics],
  });
}

/** Authors are one comma-separated string in security_content (`Michael Haag, Splunk`). */
function authorsOf(value: unknown): string[] {
  return stringList(value)
    .flatMap((a) => a.split(','))
    .map((a) => a.trim())
    .filter((a) => a.length > 0);
}

/** Searchable tags: analytic stories, ATT&CK ids, CVEs, security domain and asset type, prefixed by their key. */
function tagList(tags: Record<string, unknown>): string[] {
  const keys = ['analytic_story', 'mitre_attack_id', 'cve', 'security_domain', 'asset_type', 'product'];
  return keys.flatMap((key) => stringList(tags[key]).map((v) => `${key}:${v}`));
}

function metadataOf(record: Record<string, unknown>, tags: Record<string, unknown>): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!MAPPED.has(key)) metadata[key] = value;
  metadata.tags = tags;
  if (tags.analytic_story !== undefined) metadata.analytic_story = stringList(tags.analytic_story);
  return metadata;
}
