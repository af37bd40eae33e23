/** Reads `.kql` and `.csl` query files (and `.txt` files that parse as KQL): one rule, described by its leading `//` comments. */
import { tacticIds, techniqueIds } from '../attack-ids.js';
import { looksLikeKustoQuery, probeKusto } from '../../languages/kusto/probe.js';
import { splitQueries } from '../../languages/kusto/split.js';
import { FileLocator } from '../../text/locator.js';
import { preparedKusto, type PreparedKusto } from '../../languages/kusto/prepared.js';
import { baseName, ruleDocument } from '../document.js';
import type { FormatReader } from '../format.js';

const LABEL = 'KQL';
const QUERY_FILE = /\.(kql|csl|kusto)$/i;
/** `.txt` files, and files with no extension at all (`queries/hunt-logons`), are read when they hold a query. */
const TEXT_FILE = /(?:\.txt|(?:^|\/)[^./]+)$/i;
const URL = /https?:\/\/[^\s)<>"']+/g;
/** `// Title: x`, `// Name - x`: a labelled header line. */
const HEADER =
  /^(title|name|description|author|references?|mitre(?: att&ck)?|technique|tactics?)\s*[:-]\s*(.*)$/i;

/** A query file's claim: for a `.txt` file, the script its probe parsed, which the parser then reuses. */
interface KqlFileClaim {
  prepared?: PreparedKusto;
}

/** A text that parses as KQL, or plainly holds a query that does not parse (read with its problems, not skipped). */
function textQuery(text: string): KqlFileClaim | undefined {
  const probe = probeKusto(text);
  if (probe?.isQuery) return { prepared: preparedKusto(text, probe.script) };
  return looksLikeKustoQuery(text) ? {} : undefined;
}

interface Header {
  title?: string;
  description?: string;
  authors: string[];
  comments: string;
}

/** The comment lines before the first line of query text. */
function leadingComments(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (!trimmed.startsWith('//')) break;
    out.push(trimmed.replace(/^\/\/+\s?/, '').trim());
  }
  return out;
}

function headerOf(text: string): Header {
  const comments = leadingComments(text);
  const header: Header = { authors: [], comments: comments.join('\n') };
  const prose: string[] = [];
  for (const line of comments) {
    const m = HEADER.exec(line);
    const key = m?.[1].toLowerCase();
    if (key === 'title' || key === 'name') header.title ??= m![2].trim();
    else if (key === 'description') prose.push(m![2].trim());
    else if (key === 'author') header.authors.push(m![2].trim());
    else if (!m && line !== '' && !/^[-=*#\s]+$/.test(line)) prose.push(line);
  }
  header.title ??= prose.shift();
  if (prose.length > 0) header.description = prose.join('\n');
  return header;
}

export const kqlFileReader: FormatReader<KqlFileClaim> = {
  id: 'kql-file',
  label: LABEL,
  recognize: (file) => {
    if (QUERY_FILE.test(file.path)) return {};
    return TEXT_FILE.test(file.path) ? textQuery(file.text) : undefined;
  },
  read: (file, { prepared }) => {
    const header = headerOf(file.text);
    const fields = {
      title: header.title,
      description: header.description,
      authors: header.authors,
      references: [...new Set(header.comments.match(URL) ?? [])],
      attack: {
        // Ids in the header's comments declare; ids inside reference URLs do not.
        techniques: techniqueIds(header.comments.replace(URL, ' ')),
        tactics: tacticIds(header.comments.replace(URL, ' ')),
        names: {},
      },
      language: 'kusto' as const,
    };
    const parts = splitQueries(file.text);
    if (parts.length === 1) {
      const query = { language: 'kusto' as const, text: file.text, start: { line: 1, column: 1, offset: 0 } };
      return {
        rules: [ruleDocument(file, 'kql-file', LABEL, { ...fields, query })],
        artifacts: [],
        diagnostics: [],
        prepared: [prepared],
      };
    }
    // Several queries in one file: one rule each, numbered after the first (`#2`).
    const locator = new FileLocator(file.text);
    const rules = parts.map((part, i) => {
      const text = file.text.slice(part.start, part.end);
      const start = locator.position(part.start);
      const title = fields.title ?? baseName(file.path);
      return ruleDocument(file, 'kql-file', LABEL, {
        ...fields,
        id: `${file.path}#${i + 1}`,
        title: i === 0 ? title : `${title} #${i + 1}`,
        raw: text,
        rawStart: start,
        query: { language: 'kusto', text, start },
        metadata: { query: i + 1, queries: parts.length },
      });
    });
    return { rules, artifacts: [], diagnostics: [], prepared: rules.map(() => undefined) };
  },
};
