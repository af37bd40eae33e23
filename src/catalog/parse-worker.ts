/** A parse worker: reads and analyses batches of files sent by the ingest's main thread. */
import { parentPort } from 'node:worker_threads';
import type { SourceArtifact } from '../model/artifact.js';
import type { SourceFile } from '../formats/format.js';
import { contextFrom } from '../analysis/source-context.js';
import { processFile } from './process-file.js';

export interface BatchRequest {
  id: number;
  files: SourceFile[];
  /** Sent with the first batch of a source only; the worker keeps the context until the next. */
  artifacts?: SourceArtifact[];
}

let context = contextFrom([]);

parentPort?.on('message', (req: BatchRequest) => {
  if (req.artifacts) context = contextFrom(req.artifacts);
  const outcomes = req.files.map((f) => processFile(f, context));
  parentPort!.postMessage({ id: req.id, outcomes });
});
