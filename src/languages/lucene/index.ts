/** The Lucene language (Elasticsearch `query_string` syntax): lexes, parses and lowers a query to one `query` stage. */
import type { Language } from '../language.js';
import { QueryLocator } from '../../text/locator.js';
import { emptyQueryProblems, problemDiagnostics } from '../kit/problem.js';
import { lowerLucene } from './lower.js';
import { parseLucene } from './parser.js';

export const luceneLanguage: Language = {
  id: 'lucene',
  name: 'Lucene',
  parse: ({ source }) => {
    const locator = new QueryLocator(source);
    const { query, problems } = parseLucene(source.text);
    const diagnostics = problemDiagnostics(
      [...problems, ...emptyQueryProblems(source.text)],
      locator,
      'lucene',
    );
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
