/** The Kibana KQL (`kuery`) language: lexes, parses and lowers a query to one `query` stage. */
import type { Language } from '../language.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { diagnostic } from '../../text/diagnostics.js';
import { QueryLocator } from '../../text/locator.js';
import { lowerKuery } from './lower.js';
import { parseKuery } from './parser.js';

export const kueryLanguage: Language = {
  id: 'kuery',
  name: 'Kibana KQL',
  parse: ({ source }) => {
    const locator = new QueryLocator(source);
    const { query, problems } = parseKuery(source.text);
    const diagnostics: Diagnostic[] = problems.map((p) =>
      diagnostic(p.severity, p.message, locator.span(p.start, p.end), 'kuery'),
    );
    if (source.text.trim() === '') {
      diagnostics.push(
        diagnostic('error', 'Unexpected end of input, expected a query', locator.position(0), 'kuery'),
      );
    }
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
