/** Placeholder reader for the splunk-data-source format until it lands. */
import type { FormatReader } from '../format.js';

export const splunkDataSourceReader: FormatReader = {
  id: 'splunk-data-source',
  label: 'YAML',
  recognizes: () => false,
  read: () => ({ rules: [], artifacts: [], diagnostics: [] }),
};
