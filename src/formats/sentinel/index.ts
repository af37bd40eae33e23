/** Placeholder reader for the sentinel format until it lands. */
import type { FormatReader } from '../format.js';

export const sentinelReader: FormatReader = {
  id: 'sentinel',
  label: 'YAML',
  recognizes: () => false,
  read: () => ({ rules: [], artifacts: [], diagnostics: [] }),
};
