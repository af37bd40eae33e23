/** The Kibana KQL language: placeholder until its parser lands. */
import type { Language } from '../language.js';
import { diagnostic } from '../../text/diagnostics.js';

export const kueryLanguage: Language = {
  id: 'kuery',
  name: 'Kibana KQL',
  parse: ({ source }) => ({
    type: 'query',
    language: 'kuery',
    stages: [],
    diagnostics: [diagnostic('error', 'The Kibana KQL parser is not available yet', source.start, 'kuery')],
    dataSources: [],
    unresolved: [],
  }),
};
