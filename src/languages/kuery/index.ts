/** The Kibana KQL (`kuery`) language: lexes, parses and lowers a query to one `query` stage. */
import { defineLanguage, words } from '../kit/define.js';
import { QueryLocator } from '../../text/locator.js';
import { emptyQueryProblems, problemDiagnostics } from '../kit/problem.js';
import { lowerKuery } from './lower.js';
import { parseKuery } from './parser.js';
import { emitKuery } from './emit.js';

export const kueryLanguage = defineLanguage({
  emit: emitKuery,
  id: 'kuery',
  label: 'Kibana KQL',
  aliases: ['kql'],
  highlight: { keywords: words('and or not') },
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
});
