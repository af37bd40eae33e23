/** Placeholder reader for the analytic format until it lands. */
import type { FormatReader } from '../format.js';

export const analyticReader: FormatReader = {
  id: 'analytic',
  label: 'YAML',
  recognizes: () => false,
  read: () => ({ rules: [], artifacts: [], diagnostics: [] }),
};
