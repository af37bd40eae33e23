/** The EQL language: placeholder until its parser lands. */
import type { Language } from '../language.js';
import { diagnostic } from '../../text/diagnostics.js';

export const eqlLanguage: Language = {
  id: 'eql',
  name: 'EQL',
  parse: ({ source }) => ({
    type: 'query',
    language: 'eql',
    stages: [],
    diagnostics: [diagnostic('error', 'The EQL parser is not available yet', source.start, 'eql')],
    dataSources: [],
    unresolved: [],
  }),
};
