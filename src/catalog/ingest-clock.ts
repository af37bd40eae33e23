/** Where an ingest's wall time goes, step by step (summed over its sources), for `ingest --json` and the bench. */

/** The steps of an ingest, in the order they run. */
export const INGEST_STEPS = [
  'walk',
  'parse',
  'rows',
  'indicators',
  'fts',
  'indexes',
  'commit',
  'counts',
  'relations',
  'finish',
] as const;

export type IngestStep = (typeof INGEST_STEPS)[number];

/** What each step means, for the bench's lines and the docs. */
export const INGEST_STEP_LABELS: Record<IngestStep, string> = {
  walk: 'walk, read, hash and recognise files',
  parse: 'waiting on parse workers',
  rows: 'store file and rule rows',
  indicators: 'store indicators, techniques and events',
  fts: 'full-text index',
  indexes: 'secondary indexes (cold ingest)',
  commit: 'commit',
  counts: 'corpus counts',
  relations: 'overlap relations',
  finish: 'close and move the build into place (cold ingest)',
};

export type IngestSteps = Record<IngestStep, number>;

/** Milliseconds per step; a step's time is the main thread's time in it, so the steps add up to the wall time. */
export class IngestClock {
  private readonly ms: IngestSteps = Object.fromEntries(INGEST_STEPS.map((s) => [s, 0])) as IngestSteps;

  time<T>(step: IngestStep, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.ms[step] += performance.now() - started;
    }
  }

  async timeAsync<T>(step: IngestStep, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.ms[step] += performance.now() - started;
    }
  }

  add(step: IngestStep, ms: number): void {
    this.ms[step] += ms;
  }

  /** Milliseconds so far in the given steps together. */
  elapsed(...steps: IngestStep[]): number {
    return steps.reduce((n, s) => n + this.ms[s], 0);
  }

  /** Whole milliseconds per step. */
  steps(): IngestSteps {
    return Object.fromEntries(INGEST_STEPS.map((s) => [s, Math.round(this.ms[s])])) as IngestSteps;
  }
}
