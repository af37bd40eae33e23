/** The registered format readers, in recognition order: the first that recognises a file reads it. */
import type { FormatId } from '../model/ids.js';
import type { FormatReader, ReadResult, SourceFile } from './format.js';
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

/**
 * A file a reader took: which reader, and its claim (what recognition learned for reading). Plain data,
 * so the ingest recognises a file once on its main thread and hands the recognition to a parse worker.
 */
export interface Recognition {
  format: FormatId;
  claim: unknown;
}

/** The first reader in registry order that takes the file, with its claim; undefined for a skipped file. */
export function recognize(file: SourceFile): Recognition | undefined {
  for (const reader of formatReaders) {
    const claim = reader.recognize(file);
    if (claim !== undefined) return { format: reader.id, claim };
  }
  return undefined;
}

/** Why no reader took a file that has a reader's own extension (a `.yaral` file with no rule), if one says. */
export function refusal(file: SourceFile): string | undefined {
  for (const reader of formatReaders) {
    const why = reader.refusal?.(file);
    if (why !== undefined) return why;
  }
  return undefined;
}

/** The reader a recognition names: its claim came from this reader's `recognize`, so `read` takes it. */
export function readerOf(recognition: Recognition): FormatReader {
  const reader = formatReaders.find((r) => r.id === recognition.format);
  if (!reader) throw new Error(`No reader registered for format ${recognition.format}`);
  return reader;
}

/** Reads a file with one given reader, when that reader takes it: tests and the fuzzer call readers directly. */
export function readAs<Claim>(reader: FormatReader<Claim>, file: SourceFile): ReadResult | undefined {
  const claim = reader.recognize(file);
  return claim === undefined ? undefined : reader.read(file, claim);
}
