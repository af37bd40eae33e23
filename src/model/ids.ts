/** The ids of query languages and file formats; the registries derive their lists from these. */

export const LANGUAGE_IDS = ['sigma', 'spl', 'eql', 'kuery', 'lucene', 'esql', 'kusto', 'yaral'] as const;
export type LanguageId = (typeof LANGUAGE_IDS)[number];

export const FORMAT_IDS = [
  'sigma',
  'splunk-detection',
  'splunk-macros',
  'splunk-data-source',
  'analytic',
  'elastic-rule',
  'elastic-hunt',
  'eqllib',
  'sentinel',
  'kql-file',
  'kql-markdown',
  'yaral',
  /** A bare query file read with a language given on the command line. */
  'query',
] as const;
export type FormatId = (typeof FORMAT_IDS)[number];
