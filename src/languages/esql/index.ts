/** The ES|QL language: placeholder until its parser lands. */
import type { Language } from '../language.js';
import { diagnostic } from '../../text/diagnostics.js';

export const esqlLanguage: Language = {
  id: 'esql',
  name: 'ES|QL',
  parse: ({ source }) => ({
    type: 'query',
    language: 'esql',
    stages: [],
    diagnostics: [diagnostic('error', 'The ES|QL parser is not available yet', source.start, 'esql')],
    dataSources: [],
    unresolved: [],
  }),
};
