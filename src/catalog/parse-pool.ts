/** Parses a source's files on worker threads, one per core, handing results back in batches as they finish. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SourceArtifact } from '../model/artifact.js';
import type { SourceFile } from '../formats/format.js';
import { contextFrom } from '../analysis/source-context.js';
import { processFile, type FileOutcome } from './process-file.js';
import type { BatchRequest } from './parse-worker.js';

const BATCH_FILES = 40;
/** Below this many files, starting workers costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 200;
const WORKER_URL = new URL('./parse-worker.js', import.meta.url);

/** Workers need compiled JavaScript; under a TypeScript test runner parsing stays on this thread. */
function workersAvailable(): boolean {
  return import.meta.url.endsWith('.js');
}

/**
 * Parse threads beside the main thread, which writes to SQLite meanwhile: one core is left to it.
 * On one core, parsing stays on the main thread (0).
 */
export function defaultJobs(): number {
  return availableParallelism() - 1;
}

/**
 * Calls `onBatch` with outcomes in batches (not in file order) and resolves when all are done.
 * `jobs` is the number of worker threads; 0 parses on this thread.
 */
export async function parseFiles(
  files: SourceFile[],
  artifacts: SourceArtifact[],
  jobs: number,
  onBatch: (outcomes: FileOutcome[]) => void,
): Promise<void> {
  if (jobs < 1 || files.length < MIN_FILES_FOR_WORKERS || !workersAvailable()) {
    const context = contextFrom(artifacts);
    for (let i = 0; i < files.length; i += BATCH_FILES) onBatch(files.slice(i, i + BATCH_FILES).map((f) => processFile(f, context)));
    return;
  }
  const batches: SourceFile[][] = [];
  for (let i = 0; i < files.length; i += BATCH_FILES) batches.push(files.slice(i, i + BATCH_FILES));
  const workers = Array.from({ length: Math.min(jobs, batches.length) }, () => new Worker(WORKER_URL));
  try {
    await Promise.all(workers.map((w) => drain(w, batches, artifacts, onBatch)));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Batches each worker holds at once, so it parses the next while the main thread writes the last. */
const IN_FLIGHT = 2;

/** One worker takes batches off the shared queue until it is empty. */
function drain(worker: Worker, queue: SourceFile[][], artifacts: SourceArtifact[], onBatch: (o: FileOutcome[]) => void): Promise<void> {
  let first = true;
  let id = 0;
  let outstanding = 0;
  return new Promise((resolveDone, reject) => {
    const send = (): void => {
      const files = queue.shift();
      if (!files) return;
      const req: BatchRequest = { id: ++id, files, ...(first ? { artifacts } : {}) };
      first = false;
      outstanding++;
      worker.postMessage(req);
    };
    worker.on('message', (msg: { outcomes: FileOutcome[] }) => {
      outstanding--;
      send();
      onBatch(msg.outcomes);
      if (outstanding === 0) {
        worker.off('error', reject);
        resolveDone();
      }
    });
    worker.on('error', reject);
    for (let i = 0; i < IN_FLIGHT; i++) send();
    if (outstanding === 0) resolveDone();
  });
}
