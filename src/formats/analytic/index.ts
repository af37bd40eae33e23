/** Reads generic analytic YAML (`logic` + `logic_format`): one rule whose query language the format names. */
import { lookupTable } from '../../text/lookup.js';
import { taken, type FormatReader, type Taken, type ReadResult, type SourceFile } from '../format.js';
import type { LanguageId } from '../../model/ids.js';
import type { RuleDocument } from '../../model/rule.js';
import { optionalString, ruleDocument, stringList, unreadableRule } from '../document.js';
import { nodeAt, readYamlMapping } from '../yaml.js';
import { mergeIds, techniqueIds } from '../attack-ids.js';
import { diagnostic } from '../../text/diagnostics.js';
import { scalarQuery } from '../splunk/query-scalar.js';
import { hasKeyAtLineStart, isYamlPath } from '../splunk/top-keys.js';

const FORMAT = 'analytic';
const LABEL = 'YAML';

const MAPPED = new Set([
  'id',
  'title',
  'description',
  'logic',
  'logic_format',
  'techniques',
  'technique_id',
  'data_category',
  'references',
]);

/** `logic_format` values, lower-cased with blanks and punctuation dropped, to the language that parses them. */
const LANGUAGE_OF: Readonly<Record<string, LanguageId>> = lookupTable({
  splunk: 'spl',
  spl: 'spl',
  sigma: 'sigma',
  kql: 'kusto',
  kusto: 'kusto',
  kustokql: 'kusto',
  sentinel: 'kusto',
  eql: 'eql',
  esql: 'esql',
  lucene: 'lucene',
  kuery: 'kuery',
  kibanakql: 'kuery',
  yaral: 'yaral',
});

export const analyticReader: FormatReader<Taken> = {
  id: FORMAT,
  label: LABEL,
  recognize: (file) =>
    taken(
      isYamlPath(file.path) &&
        hasKeyAtLineStart(file.text, 'logic') &&
        hasKeyAtLineStart(file.text, 'logic_format'),
    ),
  read: readAnalytic,
};

export function languageOfLogicFormat(format: string): LanguageId | undefined {
  return LANGUAGE_OF[format.toLowerCase().replace(/[^a-z]/g, '')];
}

function readAnalytic(file: SourceFile): ReadResult {
  const yaml = readYamlMapping(file.text, FORMAT, 'a mapping with `logic`');
  if (!yaml.ok)
    return {
      rules: [unreadableRule(file, FORMAT, LABEL, null, yaml.diagnostics)],
      artifacts: [],
      diagnostics: [],
    };
  const { locator, doc, record } = yaml;
  const format = optionalString(record.logic_format) ?? '';
  const language = languageOfLogicFormat(format) ?? null;
  const rule = analyticRule(file, record, language, doc.diagnostics);
  const logic = optionalString(record.logic);
  const logicNode = nodeAt(doc.doc, ['logic']);
  if (!language) {
    const at = logicNode?.range ? locator.position(logicNode.range[0]) : locator.position(0);
    rule.diagnostics.push(
      diagnostic(
        'error',
        `Unexpected logic_format ${JSON.stringify(format)}, expected Splunk, Sigma, KQL, EQL, ES|QL, Lucene or kuery`,
        at,
        FORMAT,
      ),
    );
  } else if (logic !== undefined) {
    rule.query = scalarQuery(file.text, logicNode, logic, language);
  }
  return { rules: [rule], artifacts: [], diagnostics: [] };
}

function analyticRule(
  file: SourceFile,
  record: Record<string, unknown>,
  language: LanguageId | null,
  diagnostics: RuleDocument['diagnostics'],
): RuleDocument {
  const declared = stringList(record.technique_id).flatMap(techniqueIds);
  // `techniques` holds `tactic:technique name` pairs; the tactic half is the declared tactic shortname.
  const tactics = stringList(record.techniques)
    .map((t) => t.split(':')[0].trim().toLowerCase().replace(/\s+/g, '-'))
    .filter((t) => t.length > 0);
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!MAPPED.has(key)) metadata[key] = value;
  metadata.logic_format = record.logic_format;
  metadata.techniques = stringList(record.techniques);
  return ruleDocument(file, FORMAT, LABEL, {
    id: optionalString(record.id),
    title: optionalString(record.title),
    description: optionalString(record.description)?.trim(),
    references: stringList(record.references),
    tags: stringList(record.techniques),
    attack: { techniques: mergeIds(declared), tactics: mergeIds(tactics), names: {} },
    context: { data_category: stringList(record.data_category) },
    language,
    metadata,
    diagnostics: [...diagnostics],
  });
}
