/** Placeholder reader for the eqllib format until it lands. */
import type { FormatReader } from '../format.js';

export const eqllibReader: FormatReader = {
  id: 'eqllib',
  label: 'TOML',
  recognizes: () => false,
  read: () => ({ rules: [], artifacts: [], diagnostics: [] }),
};
