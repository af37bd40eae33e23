/** The Lucene language (Elasticsearch `query_string` syntax): lexes, parses and lowers a query to one `query` stage. */
import type { Language } from '../language.js';
import { diagnostic } from '../../text/diagnostics.js';
import { QueryLocator } from '../../text/locator.js';
import { lowerLucene } from './lower.js';
import { parseLucene } from './parser.js';

export const luceneLanguage: Language = {
  id: 'lucene',
  name: 'Lucene',
  parse: ({ source }) => {
    const locator = new QueryLocator(source);
    const { query, problems } = parseLucene(source.text);
    const diagnostics = problems.map((p) =>
      diagnostic(p.severity, p.message, locator.span(p.start, p.end), 'lucene'),
    );
    if (source.text.trim() === '') {
      diagnostics.push(
        diagnostic('error', 'Unexpected end of input, expected a query', locator.position(0), 'lucene'),
      );
    }
    return {
      type: 'query',
      language: 'lucene',
      stages: [lowerLucene(query, source.text, locator)],
      diagnostics,
      dataSources: [],
      unresolved: [],
    };
  },
};
