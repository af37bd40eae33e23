/** Placeholder reader for the elastic-hunt format until it lands. */
import type { FormatReader } from '../format.js';

export const elasticHuntReader: FormatReader = {
  id: 'elastic-hunt',
  label: 'TOML',
  recognizes: () => false,
  read: () => ({ rules: [], artifacts: [], diagnostics: [] }),
};
