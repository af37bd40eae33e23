/** The Kusto KQL language: placeholder until its parser lands. */
import type { Language } from '../language.js';
import { diagnostic } from '../../text/diagnostics.js';

export const kustoLanguage: Language = {
  id: 'kusto',
  name: 'Kusto KQL',
  parse: ({ source }) => ({
    type: 'query',
    language: 'kusto',
    stages: [],
    diagnostics: [diagnostic('error', 'The Kusto KQL parser is not available yet', source.start, 'kusto')],
    dataSources: [],
    unresolved: [],
  }),
};
