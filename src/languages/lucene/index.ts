/** The Lucene language: placeholder until its parser lands. */
import type { Language } from '../language.js';
import { diagnostic } from '../../text/diagnostics.js';

export const luceneLanguage: Language = {
  id: 'lucene',
  name: 'Lucene',
  parse: ({ source }) => ({
    type: 'query',
    language: 'lucene',
    stages: [],
    diagnostics: [diagnostic('error', 'The Lucene parser is not available yet', source.start, 'lucene')],
    dataSources: [],
    unresolved: [],
  }),
};
