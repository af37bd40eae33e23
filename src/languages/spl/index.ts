/** The Splunk SPL language: placeholder until its parser lands. */
import type { Language } from '../language.js';
import { diagnostic } from '../../text/diagnostics.js';

export const splLanguage: Language = {
  id: 'spl',
  name: 'Splunk SPL',
  parse: ({ source }) => ({
    type: 'query',
    language: 'spl',
    stages: [],
    diagnostics: [diagnostic('error', 'The Splunk SPL parser is not available yet', source.start, 'spl')],
    dataSources: [],
    unresolved: [],
  }),
};
