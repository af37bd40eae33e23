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

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Calls `onBatch` with outcomes in batches (not in file order) and resolves when all are done.
 * `jobs` of 1 parses on this thread.
 */
export async function parseFiles(
  files: SourceFile[],
  artifacts: SourceArtifact[],
  jobs: number,
  onBatch: (outcomes: FileOutcome[]) => void,
): Promise<void> {
  if (jobs <= 1 || files.length < MIN_FILES_FOR_WORKERS || !workersAvailable()) {
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

/** One worker takes batches off the shared queue until it is empty. */
function drain(worker: Worker, queue: SourceFile[][], artifacts: SourceArtifact[], onBatch: (o: FileOutcome[]) => void): Promise<void> {
  let first = true;
  let id = 0;
  return new Promise((resolveDone, reject) => {
    const next = (): void => {
      const files = queue.shift();
      if (!files) {
        worker.off('error', reject);
        resolveDone();
        return;
      }
      const req: BatchRequest = { id: ++id, files, ...(first ? { artifacts } : {}) };
      first = false;
      worker.postMessage(req);
    };
    worker.on('message', (msg: { outcomes: FileOutcome[] }) => {
      onBatch(msg.outcomes);
      next();
    });
    worker.on('error', reject);
    next();
  });
}
