/** Placeholder reader for the elastic-rule format until it lands. */
import type { FormatReader } from '../format.js';

export const elasticRuleReader: FormatReader = {
  id: 'elastic-rule',
  label: 'TOML',
  recognizes: () => false,
  read: () => ({ rules: [], artifacts: [], diagnostics: [] }),
};
