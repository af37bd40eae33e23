/**
 * Splunk security_content detections carry their tests as `tests: [{name, attack_data: [{data, source,
 * sourcetype}]}]`, the data an address in the attack_data repository. ruleatlas downloads nothing: a test
 * whose data is not a file on this machine is listed as not runnable, with why.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { parse } from 'yaml';

export interface NotRunnableTest {
  ruleId: string;
  path: string;
  name: string;
  data: string;
  why: string;
}

interface AttackData {
  data?: string;
}

interface DetectionTests {
  id?: string;
  search?: string;
  tests?: Array<{ name?: string; attack_data?: AttackData[] }>;
}

function yamlFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return /\.ya?ml$/i.test(path) ? [path] : [];
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter(
      (e) => e.isFile() && /\.ya?ml$/i.test(extname(e.name)) && !e.parentPath.includes('regression_data'),
    )
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function detectionTests(file: string): DetectionTests | undefined {
  const text = readFileSync(file, 'utf8');
  if (!/^tests:/m.test(text) || !text.includes('attack_data') || !/^search:/m.test(text)) return undefined;
  try {
    const doc = parse(text) as DetectionTests | null;
    return doc && Array.isArray(doc.tests) ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** Why a test's data cannot be run here: an address is never fetched, a path must exist beside the detection. */
function whyNotRunnable(data: string, file: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(data))
    return 'the attack data is an address and ruleatlas downloads nothing; it is not on this machine';
  return existsSync(resolve(dirname(file), data))
    ? 'running Splunk attack data logs is not supported yet'
    : 'the attack data file is not on this machine';
}

/** The Splunk detection tests under `paths`, each listed as not runnable with its reason. */
export function splunkTests(paths: readonly string[]): NotRunnableTest[] {
  const out: NotRunnableTest[] = [];
  for (const file of paths.flatMap(yamlFiles)) {
    const doc = detectionTests(file);
    if (!doc) continue;
    for (const test of doc.tests ?? [])
      for (const item of test.attack_data ?? []) {
        if (typeof item?.data !== 'string') continue;
        out.push({
          ruleId: String(doc.id ?? ''),
          path: file,
          name: test.name ?? '',
          data: item.data,
          why: whyNotRunnable(item.data, file),
        });
      }
  }
  return out;
}
