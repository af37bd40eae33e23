/** Placeholder reader for the kql-file format until it lands. */
import type { FormatReader } from '../format.js';

export const kqlFileReader: FormatReader = {
  id: 'kql-file',
  label: 'KQL',
  recognizes: () => false,
  read: () => ({ rules: [], artifacts: [], diagnostics: [] }),
};
