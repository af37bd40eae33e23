/** The Lucene language (Elasticsearch `query_string` syntax): lexes, parses and lowers a query to one `query` stage. */
import { defineLanguage, words } from '../kit/define.js';
import { QueryLocator } from '../../text/locator.js';
import { emptyQueryProblems, problemDiagnostics } from '../kit/problem.js';
import { lowerLucene } from './lower.js';
import { parseLucene } from './parser.js';
import { emitLucene } from './emit.js';

export const luceneLanguage = defineLanguage({
  emit: emitLucene,
  id: 'lucene',
  label: 'Lucene',
  highlight: { keywords: words('and or not to') },
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
});
