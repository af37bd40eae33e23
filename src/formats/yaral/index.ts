/** Placeholder reader for the yaral format until it lands. */
import type { FormatReader } from '../format.js';

export const yaralReader: FormatReader = {
  id: 'yaral',
  label: 'YARA-L',
  recognizes: () => false,
  read: () => ({ rules: [], artifacts: [], diagnostics: [] }),
};
