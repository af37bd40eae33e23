/** Placeholder reader for the kql-markdown format until it lands. */
import type { FormatReader } from '../format.js';

export const kqlMarkdownReader: FormatReader = {
  id: 'kql-markdown',
  label: 'Markdown',
  recognizes: () => false,
  read: () => ({ rules: [], artifacts: [], diagnostics: [] }),
};
