/** Placeholder reader for the splunk-macros format until it lands. */
import type { FormatReader } from '../format.js';

export const splunkMacrosReader: FormatReader = {
  id: 'splunk-macros',
  label: 'YAML',
  recognizes: () => false,
  read: () => ({ rules: [], artifacts: [], diagnostics: [] }),
};
