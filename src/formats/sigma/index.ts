/** Placeholder reader for the sigma format until it lands. */
import type { FormatReader } from '../format.js';

export const sigmaReader: FormatReader = {
  id: 'sigma',
  label: 'YAML',
  recognizes: () => false,
  read: () => ({ rules: [], artifacts: [], diagnostics: [] }),
};
