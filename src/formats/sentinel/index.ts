/** Reads Microsoft Sentinel analytics and hunting rules (YAML with a Kusto `query`). */
import { isScalar } from 'yaml';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { QuerySource } from '../../model/rule.js';
import { diagnostic } from '../../text/diagnostics.js';
import { FileLocator, locateLines } from '../../text/locator.js';
import { techniqueIds } from '../attack-ids.js';
import { optionalString, ruleDocument, stringList, unreadableRule } from '../document.js';
import { taken, type FormatReader, type Taken, type SourceFile } from '../format.js';
import { nodeAt } from '../yaml.js';
import { asRecord, parseYamlDocuments, type YamlDocument } from '../../text/yaml-documents.js';

const LABEL = 'YAML';
const ORIGIN = 'sentinel';
const YAML_FILE = /\.ya?ml$/i;
const QUERY_KEY = /^query\s*:/m;
const SENTINEL_KEY = /^(?:tactics|relevantTechniques|requiredDataConnectors)\s*:/m;

/** Keys the reader maps to rule fields; every other top-level key is kept in `metadata`. */
const MAPPED = new Set([
  'id',
  'name',
  'description',
  'severity',
  'status',
  'query',
  'tactics',
  'relevantTechniques',
  'requiredDataConnectors',
  'tags',
]);

/** Sentinel writes tactics as `DefenseEvasion` or `Defense Evasion`; ATT&CK shortnames are `defense-evasion`. */
export function tacticShortname(tactic: string): string {
  if (/^TA\d{4}$/i.test(tactic)) return tactic.toUpperCase();
  return tactic
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[\s_]+/g, '-')
    .toLowerCase();
}

/** Sentinel descriptions are often a block scalar holding a single-quoted string: the quotes are not text. */
function descriptionOf(value: unknown): string | undefined {
  const text = optionalString(value)?.trim();
  return text && /^'[\s\S]*'$/.test(text) ? text.slice(1, -1).trim() : text;
}

/** Connector ids and the data types (tables) they bring, from `requiredDataConnectors`. */
function connectors(value: unknown): { ids: string[]; dataTypes: string[] } {
  const ids: string[] = [];
  const dataTypes: string[] = [];
  for (const item of Array.isArray(value) ? value : []) {
    const record = asRecord(item);
    const id = optionalString(record?.connectorId);
    if (id && !ids.includes(id)) ids.push(id);
    for (const t of stringList(record?.dataTypes)) if (!dataTypes.includes(t)) dataTypes.push(t);
  }
  return { ids, dataTypes };
}

/** The query with the file position of each of its lines (a block scalar loses its indentation). */
function querySource(file: SourceFile, yaml: YamlDocument, locator: FileLocator): QuerySource | undefined {
  const node = nodeAt(yaml.doc, ['query']);
  if (!node || !isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const text = node.value;
  // A quoted scalar's text starts after its quote; one with no escapes is a contiguous slice of the file.
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const from = quoted ? node.range[0] + 1 : node.range[0];
  if (quoted && file.text.slice(from, node.range[1] - 1) === text)
    return { language: 'kusto', text, start: locator.position(from) };
  const lineStarts = locateLines(file.text, from, node.range[1], text);
  return { language: 'kusto', text, start: lineStarts[0] ?? locator.position(node.range[0]), lineStarts };
}

function readRule(
  file: SourceFile,
  yaml: YamlDocument,
  locator: FileLocator,
): ReturnType<typeof ruleDocument> {
  const v = asRecord(yaml.value) ?? {};
  const diagnostics: Diagnostic[] = [...yaml.diagnostics];
  const query = querySource(file, yaml, locator);
  if (!query)
    diagnostics.push(
      diagnostic(
        'error',
        'Unexpected value of "query", expected a Kusto query string',
        locator.position(yaml.start),
        ORIGIN,
      ),
    );
  const { ids, dataTypes } = connectors(v.requiredDataConnectors);
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(v)) if (!MAPPED.has(key)) metadata[key] = value;
  return ruleDocument(file, 'sentinel', LABEL, {
    id: optionalString(v.id),
    title: optionalString(v.name),
    description: descriptionOf(v.description),
    severity: optionalString(v.severity)?.toLowerCase(),
    status: optionalString(v.status),
    tags: stringList(v.tags),
    attack: {
      techniques: techniqueIds(stringList(v.relevantTechniques).join(' ')),
      tactics: stringList(v.tactics).map(tacticShortname),
      names: {},
    },
    context: { requiredDataConnectors: ids, dataTypes },
    language: 'kusto',
    query: query ?? null,
    metadata,
    diagnostics,
  });
}

export const sentinelReader: FormatReader<Taken> = {
  id: 'sentinel',
  label: LABEL,
  recognize: (file) =>
    taken(YAML_FILE.test(file.path) && QUERY_KEY.test(file.text) && SENTINEL_KEY.test(file.text)),
  read: (file) => {
    const locator = new FileLocator(file.text);
    const docs = parseYamlDocuments(file.text, locator, ORIGIN);
    const yaml = docs.find((d) => asRecord(d.value)) ?? docs[0];
    if (!yaml || !asRecord(yaml.value)) {
      const found = yaml?.diagnostics ?? [];
      const reason =
        found.length > 0
          ? found
          : [
              diagnostic(
                'error',
                'Unexpected YAML content, expected a mapping with a query',
                locator.position(0),
                ORIGIN,
              ),
            ];
      return {
        rules: [unreadableRule(file, 'sentinel', LABEL, 'kusto', reason)],
        artifacts: [],
        diagnostics: [],
      };
    }
    return { rules: [readRule(file, yaml, locator)], artifacts: [], diagnostics: [] };
  },
};
