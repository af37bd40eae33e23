/** Reads `.kql` and `.csl` query files (and `.txt` files that parse as KQL): one rule, described by its leading `//` comments. */
import { tacticIds, techniqueIds } from '../attack-ids.js';
import { probeKusto } from '../../languages/kusto/probe.js';
import { preparedKusto, type PreparedKusto } from '../../languages/kusto/prepared.js';
import { ruleDocument } from '../document.js';
import type { FormatReader } from '../format.js';

const LABEL = 'KQL';
const QUERY_FILE = /\.(kql|csl|kusto)$/i;
const TEXT_FILE = /\.txt$/i;
const URL = /https?:\/\/[^\s)<>"']+/g;
/** `// Title: x`, `// Name - x`: a labelled header line. */
const HEADER =
  /^(title|name|description|author|references?|mitre(?: att&ck)?|technique|tactics?)\s*[:-]\s*(.*)$/i;

/** A query file's claim: for a `.txt` file, the script its probe parsed, which the parser then reuses. */
interface KqlFileClaim {
  prepared?: PreparedKusto;
}

function textQuery(text: string): KqlFileClaim | undefined {
  const probe = probeKusto(text);
  return probe?.isQuery ? { prepared: preparedKusto(text, probe.script) } : undefined;
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
    const rule = ruleDocument(file, 'kql-file', LABEL, {
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
      language: 'kusto',
      query: { language: 'kusto', text: file.text, start: { line: 1, column: 1, offset: 0 } },
    });
    return { rules: [rule], artifacts: [], diagnostics: [], prepared: [prepared] };
  },
};
