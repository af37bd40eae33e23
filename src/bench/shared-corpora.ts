/** Where the benchmarks find the shared rule corpora (`../shared/corpus/<name>`), and which of them are here. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED = resolve(fileURLToPath(new URL('../../../shared', import.meta.url)));
export const SHARED_CORPORA = ['sigma', 'elastic', 'splunk', 'kql', 'yaral'];

/** The corpora present, as absolute paths. */
export function sharedCorpusPaths(): string[] {
  return SHARED_CORPORA.map((c) => join(SHARED, 'corpus', c)).filter((p) => existsSync(p));
}
