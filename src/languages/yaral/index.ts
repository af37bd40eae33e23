/** The YARA-L language: placeholder until its parser lands. */
import type { Language } from '../language.js';
import { diagnostic } from '../../text/diagnostics.js';

export const yaralLanguage: Language = {
  id: 'yaral',
  name: 'YARA-L',
  parse: ({ source }) => ({
    type: 'query',
    language: 'yaral',
    stages: [],
    diagnostics: [diagnostic('error', 'The YARA-L parser is not available yet', source.start, 'yaral')],
    dataSources: [],
    unresolved: [],
  }),
};
