/** A parse worker: reads and analyses batches of files sent by the ingest's main thread. */
import { parentPort } from 'node:worker_threads';
import type { SourceArtifact } from '../model/artifact.js';
import { contextFrom } from '../analysis/source-context.js';
import { processFile, type RecognizedFile } from './process-file.js';

export interface BatchRequest {
  id: number;
  files: RecognizedFile[];
  /** Sent with a worker's first batch only; the worker keeps the context for the rest. */
  artifacts?: SourceArtifact[];
}

let context = contextFrom([]);
/** Lets the time-limit test stand in for a parser that never returns; unset in normal use. */
const stallOn = process.env.RULEATLAS_TEST_STALL_ON;

parentPort?.on('message', (req: BatchRequest) => {
  if (req.artifacts) context = contextFrom(req.artifacts);
  const outcomes = req.files.map((f) => {
    if (stallOn && f.file.path.includes(stallOn)) for (;;);
    return processFile(f, context);
  });
  parentPort!.postMessage({ id: req.id, outcomes });
});
// Module loading is not parsing: the main thread starts a file's clock only once the worker says it is ready.
parentPort?.postMessage({ ready: true });
