/** The Kibana KQL (`kuery`) language: lexes, parses and lowers a query to one `query` stage. */
import type { Language } from '../language.js';
import { QueryLocator } from '../../text/locator.js';
import { emptyQueryProblems, problemDiagnostics } from '../kit/problem.js';
import { lowerKuery } from './lower.js';
import { parseKuery } from './parser.js';

export const kueryLanguage: Language = {
  id: 'kuery',
  name: 'Kibana KQL',
  parse: ({ source }) => {
    const locator = new QueryLocator(source);
    const { query, problems } = parseKuery(source.text);
    const diagnostics = problemDiagnostics(
      [...problems, ...emptyQueryProblems(source.text)],
      locator,
      'kuery',
    );
    return {
      type: 'query',
      language: 'kuery',
      stages: [lowerKuery(query, source.text, locator)],
      diagnostics,
      dataSources: [],
      unresolved: [],
    };
  },
};
