/** Parses a source's files on worker threads and stops any that runs past the time limit; results come back in batches. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SourceArtifact } from '../model/artifact.js';
import { contextFrom } from '../analysis/source-context.js';
import { processFile, type FileOutcome, type RecognizedFile } from './process-file.js';
import { timedOutOutcome } from './timed-out.js';
import type { BatchRequest } from './parse-worker.js';

const BATCH_FILES = 40;
/** Batches each worker holds at once, so it parses the next while the main thread writes the last. */
const IN_FLIGHT = 2;
const WORKER_URL = new URL('./parse-worker.js', import.meta.url);
/** How long a new worker may take to load its modules before its first file's limit starts. */
const STARTUP_MS = 30_000;

/** Extra time a large file is given, per byte, up to a bound: a file of 30,000 Sigma rules is work, not a hang. */
const MS_PER_BYTE = 0.01;
const MAX_SIZE_ALLOWANCE_MS = 60_000;

/** How long one file (of `bytes`) may take to read and parse; RULEATLAS_PARSE_LIMIT_MS overrides the base. */
export function fileTimeLimitMs(bytes = 0): number {
  const n = Number(process.env.RULEATLAS_PARSE_LIMIT_MS);
  const base = Number.isFinite(n) && n > 0 ? n : 10_000;
  return base + Math.min(MAX_SIZE_ALLOWANCE_MS, Math.round(bytes * MS_PER_BYTE));
}

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

type OnBatch = (outcomes: FileOutcome[]) => void;

/**
 * Calls `onBatch` with outcomes in batches (not in file order) and resolves when all are done.
 * `jobs` is the number of worker threads; 0 parses on this thread, where no time limit can be kept.
 */
export async function parseFiles(
  files: RecognizedFile[],
  artifacts: SourceArtifact[],
  jobs: number,
  onBatch: OnBatch,
): Promise<void> {
  const batches: RecognizedFile[][] = [];
  for (let i = 0; i < files.length; i += BATCH_FILES) batches.push(files.slice(i, i + BATCH_FILES));
  if (jobs < 1 || !workersAvailable()) {
    const context = contextFrom(artifacts);
    for (const batch of batches) onBatch(batch.map((f) => processFile(f, context)));
    return;
  }
  const lanes = Math.max(1, Math.min(jobs, batches.length));
  await Promise.all(Array.from({ length: lanes }, () => runLane(batches, artifacts, onBatch)));
}

/** One lane takes batches off the shared queue; a worker that stalls is replaced and its files retried alone. */
async function runLane(
  queue: RecognizedFile[][],
  artifacts: SourceArtifact[],
  onBatch: OnBatch,
): Promise<void> {
  while (queue.length > 0) {
    const worker = new Worker(WORKER_URL);
    try {
      const stalled = await drain(worker, queue, artifacts, onBatch, fileTimeLimitMs() * 2);
      if (stalled.length) await isolate(stalled, artifacts, onBatch);
    } finally {
      await worker.terminate();
    }
  }
}

/**
 * Feeds a worker until the queue is empty. If the worker sends nothing for `limitMs`, gives up on it
 * and returns the files it still held.
 */
function drain(
  worker: Worker,
  queue: RecognizedFile[][],
  artifacts: SourceArtifact[],
  onBatch: OnBatch,
  limitMs: number,
): Promise<RecognizedFile[]> {
  const held = new Map<number, RecognizedFile[]>();
  let id = 0;
  return new Promise((resolveDrain, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (stalled: RecognizedFile[]): void => {
      clearTimeout(timer);
      worker.removeAllListeners('message');
      worker.removeAllListeners('error');
      resolveDrain(stalled);
    };
    const arm = (ms = limitMs): void => {
      clearTimeout(timer);
      timer = setTimeout(() => finish([...held.values()].flat()), ms);
    };
    const send = (): void => {
      const files = queue.shift();
      if (!files) return;
      const req: BatchRequest = { id: ++id, files, ...(id === 1 ? { artifacts } : {}) };
      held.set(req.id, files);
      worker.postMessage(req);
    };
    worker.on('message', (msg: { id: number; outcomes: FileOutcome[] } | { ready: true }) => {
      if ('ready' in msg) return held.size > 0 ? arm() : undefined;
      held.delete(msg.id);
      send();
      arm();
      onBatch(msg.outcomes);
      if (held.size === 0) finish([]);
    });
    worker.on('error', reject);
    for (let i = 0; i < IN_FLIGHT; i++) send();
    if (held.size === 0) finish([]);
    // Until the worker is ready its clock is the start-up allowance; then the file's limit starts.
    else arm(limitMs + STARTUP_MS);
  });
}

/** Retries the files of a stalled batch one at a time: the one that runs past the limit becomes a diagnostic. */
async function isolate(
  files: RecognizedFile[],
  artifacts: SourceArtifact[],
  onBatch: OnBatch,
): Promise<void> {
  for (const file of files) {
    const limit = fileTimeLimitMs(file.file.bytes);
    const worker = new Worker(WORKER_URL);
    try {
      const stalled = await drain(worker, [[file]], artifacts, onBatch, limit);
      if (stalled.length) onBatch([timedOutOutcome(file, limit)]);
    } finally {
      await worker.terminate();
    }
  }
}
