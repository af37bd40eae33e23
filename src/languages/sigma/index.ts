/** The Sigma language: placeholder until its parser lands. */
import type { Language } from '../language.js';
import { diagnostic } from '../../text/diagnostics.js';

export const sigmaLanguage: Language = {
  id: 'sigma',
  name: 'Sigma',
  parse: ({ source }) => ({
    type: 'query',
    language: 'sigma',
    stages: [],
    diagnostics: [diagnostic('error', 'The Sigma parser is not available yet', source.start, 'sigma')],
    dataSources: [],
    unresolved: [],
  }),
};
