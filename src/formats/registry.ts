/** The registered format readers, in recognition order: the first that recognises a file reads it. */
import type { FormatReader } from './format.js';
import { splunkMacrosReader } from './splunk/macros.js';
import { splunkDataSourceReader } from './splunk/data-source.js';
import { splunkDetectionReader } from './splunk/detection.js';
import { analyticReader } from './analytic/index.js';
import { sentinelReader } from './sentinel/index.js';
import { sigmaReader } from './sigma/index.js';
import { elasticRuleReader } from './elastic/rule.js';
import { elasticHuntReader } from './elastic/hunt.js';
import { eqllibReader } from './elastic/eqllib.js';
import { kqlFileReader } from './kql/file.js';
import { kqlMarkdownReader } from './kql/markdown.js';
import { yaralReader } from './yaral/index.js';

/** Order matters where formats overlap: specific YAML layouts before Sigma's. */
export const formatReaders: readonly FormatReader[] = [
  splunkMacrosReader,
  splunkDataSourceReader,
  splunkDetectionReader,
  analyticReader,
  sentinelReader,
  sigmaReader,
  elasticRuleReader,
  elasticHuntReader,
  eqllibReader,
  kqlFileReader,
  kqlMarkdownReader,
  yaralReader,
];

export function readerFor(file: Parameters<FormatReader['recognizes']>[0]): FormatReader | undefined {
  return formatReaders.find((r) => r.recognizes(file));
}
