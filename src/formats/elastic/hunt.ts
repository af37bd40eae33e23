/** Reads Elastic hunting TOML (`[hunt]` with a list of queries): one rule document per query, each in its own language. */
import { lookupTable } from '../../text/lookup.js';
import type { LanguageId } from '../../model/ids.js';
import type { RuleDocument } from '../../model/rule.js';
import { taken, type FormatReader, type Taken, type ReadResult, type SourceFile } from '../format.js';
import { diagnostic } from '../../text/diagnostics.js';
import { FileLocator } from '../../text/locator.js';
import { optionalString, ruleDocument, stringList, unreadableRule } from '../document.js';
import { listedAttack } from './threat.js';
import { asTable, defined, querySource, readToml } from './toml-file.js';
import { stringSites, type StringSite } from './toml-sites.js';

const LABEL = 'TOML';
const ORIGIN = 'elastic-hunt';
const MAPPED_KEYS = new Set([
  'uuid',
  'name',
  'description',
  'author',
  'integration',
  'mitre',
  'references',
  'query',
]);

/** The hunt's `language` list names languages for people; `SQL` is OSQuery, which no parser here reads. */
const DECLARED: Readonly<Record<string, LanguageId | 'sql'>> = lookupTable({
  'es|ql': 'esql',
  esql: 'esql',
  eql: 'eql',
  kql: 'kuery',
  kuery: 'kuery',
  lucene: 'lucene',
  sql: 'sql',
});

function isHuntFile(file: SourceFile): boolean {
  return (
    file.path.toLowerCase().endsWith('.toml') &&
    (file.text.startsWith('[hunt]') || file.text.includes('\n[hunt]'))
  );
}

/** Leading `//` and `/* *\/` comments say nothing about the language. */
function withoutLeadingComments(text: string): string {
  let rest = text.trimStart();
  for (;;) {
    if (rest.startsWith('//'))
      rest = rest.slice(rest.indexOf('\n') === -1 ? rest.length : rest.indexOf('\n')).trimStart();
    else if (rest.startsWith('/*'))
      rest = rest.slice(rest.indexOf('*/') === -1 ? rest.length : rest.indexOf('*/') + 2).trimStart();
    else return rest;
  }
}

/** ES|QL opens with FROM, OSQuery with SELECT or WITH, EQL with `<category> where` or `sequence`/`sample`. */
export function inferHuntLanguage(text: string, declared: string[]): LanguageId | 'sql' | undefined {
  const head = withoutLeadingComments(text);
  if (/^from\s/i.test(head)) return 'esql';
  if (/^(select|with)\s/i.test(head)) return 'sql';
  if (/^(sequence|sample|join)\b/i.test(head) || /^[\w`".-]+\s+where\b/i.test(head)) return 'eql';
  const known = [...new Set(declared.map((d) => DECLARED[d.toLowerCase()]).filter((d) => d !== undefined))];
  return known.length === 1 ? known[0] : undefined;
}

/** Some hunts open a query with a Markdown-style tag line (`sql`) that belongs to no language. */
const TAG_LINE = /^(sql|esql|es\|ql|eql|kql|kuery)[ \t]*\r?\n/i;

function queryRule(
  file: SourceFile,
  hunt: Record<string, unknown>,
  written: string,
  writtenAt: StringSite | undefined,
  n: number,
  count: number,
): RuleDocument {
  const tag = TAG_LINE.exec(written);
  const text = tag ? written.slice(tag[0].length) : written;
  const site =
    tag && writtenAt ? { ...writtenAt, contentStart: writtenAt.contentStart + tag[0].length } : writtenAt;
  const uuid = optionalString(hunt.uuid);
  const name = optionalString(hunt.name);
  const declared = stringList(hunt.language);
  const language = inferHuntLanguage(text, declared);
  const context: Record<string, string | string[]> =
    hunt.integration === undefined ? {} : { integration: stringList(hunt.integration) };
  const metadata: Record<string, unknown> = Object.fromEntries(
    Object.entries(hunt).filter(([k]) => !MAPPED_KEYS.has(k)),
  );
  const doc = ruleDocument(
    file,
    'elastic-hunt',
    LABEL,
    defined({
      id: count > 1 ? `${uuid ?? file.path}#${n}` : uuid,
      title: name && count > 1 ? `${name} (${n}/${count})` : name,
      description: optionalString(hunt.description),
      authors: stringList(hunt.author),
      references: stringList(hunt.references),
      attack: listedAttack(hunt.mitre, []),
      context,
      metadata,
    }),
  );
  if (tag) {
    const at = new FileLocator(file.text).position(writtenAt?.contentStart ?? 0);
    doc.diagnostics.push(
      diagnostic(
        'info',
        `The tag line ${JSON.stringify(tag[1])} before the query is not part of it`,
        at,
        ORIGIN,
      ),
    );
  }
  if (language && language !== 'sql') {
    doc.language = language;
    doc.query = querySource(file.text, site, text, language);
    return doc;
  }
  const at = new FileLocator(file.text).position(site?.contentStart ?? 0);
  const message =
    language === 'sql'
      ? 'An OSQuery SQL query is not parsed; its text is kept in metadata'
      : 'Unexpected query, expected ES|QL, EQL or OSQuery SQL; its text is kept in metadata';
  doc.metadata = { ...metadata, query: text, ...(language ? { queryLanguage: language } : {}) };
  doc.diagnostics.push(diagnostic(language === 'sql' ? 'info' : 'warning', message, at, ORIGIN));
  return doc;
}

function readHunt(file: SourceFile): ReadResult {
  const read = readToml(file.text, ORIGIN);
  if (read.error)
    return {
      rules: [unreadableRule(file, 'elastic-hunt', LABEL, null, [read.error])],
      artifacts: [],
      diagnostics: [],
    };
  const hunt = asTable(read.table.hunt) ?? {};
  const queries = (Array.isArray(hunt.query) ? hunt.query : [hunt.query]).filter(
    (q): q is string => typeof q === 'string',
  );
  if (queries.length === 0) {
    const doc = ruleDocument(
      file,
      'elastic-hunt',
      LABEL,
      defined({ id: optionalString(hunt.uuid), title: optionalString(hunt.name) }),
    );
    doc.diagnostics.push(
      diagnostic(
        'warning',
        'Unexpected hunt without queries, expected a query list',
        { line: 1, column: 1, offset: 0 },
        ORIGIN,
      ),
    );
    return { rules: [doc], artifacts: [], diagnostics: [] };
  }
  const sites = stringSites(file.text, 'hunt', 'query');
  const rules = queries.map((q, i) => queryRule(file, hunt, q, sites[i], i + 1, queries.length));
  return { rules, artifacts: [], diagnostics: [] };
}

export const elasticHuntReader: FormatReader<Taken> = {
  id: 'elastic-hunt',
  label: LABEL,
  recognize: (file) => taken(isHuntFile(file)),
  read: readHunt,
};
