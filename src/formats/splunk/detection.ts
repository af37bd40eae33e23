/** Placeholder reader for the splunk-detection format until it lands. */
import type { FormatReader } from '../format.js';

export const splunkDetectionReader: FormatReader = {
  id: 'splunk-detection',
  label: 'YAML',
  recognizes: () => false,
  read: () => ({ rules: [], artifacts: [], diagnostics: [] }),
};
