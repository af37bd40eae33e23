/** Fuzz targets for the event side: the JSON event reader and normalization, every view and the raw text built. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../model/diagnostic.js';
import { normalizeEvent } from '../events/normalize.js';
import { readEventText } from '../events/read.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Shapes the corpus has none of. */
const WRITTEN_SEEDS = [
  '{"@timestamp":"2026-01-02T03:04:05Z","event":{"category":["process"]},"process":{"executable":"C:\\\\a\\\\b.exe","parent":{"name":"cmd.exe"}}}',
  '{"Timestamp":"2026-01-02T03:04:05Z","DeviceId":"x","FileName":"b.exe","FolderPath":"C:\\\\a\\\\b.exe","Type":"DeviceProcessEvents"}',
  '{"preview":false,"result":{"_time":"1767323045","sourcetype":"XmlWinEventLog:Security","EventCode":"4688"}}',
  '[{"EventID":1,"Channel":"Security","Hashes":"SHA1=AB,MD5=CD"},\n{"__proto__":{"x":1},"constructor":"y"}]',
];

/** The regression JSON twins and event fixtures, when present. */
function eventSeeds(): string[] {
  const dirs = [
    join(projectRoot, 'test', 'fixtures', 'events'),
    join(projectRoot, '..', 'shared', 'corpus', 'sigma', 'regression_data'),
  ];
  const files: string[] = [];
  const visit = (dir: string): void => {
    if (files.length >= 40 || !existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (/\.(json|ndjson)$/.test(name) && statSync(path).size < 64 * 1024) files.push(path);
      if (files.length >= 40) return;
    }
  };
  dirs.forEach(visit);
  return [...WRITTEN_SEEDS, ...files.map((f) => readFileSync(f, 'utf8'))];
}

/** Reads the input as pasted events and builds everything normalization offers of each. */
function readAndNormalize(input: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const record of readEventText(input, 'fuzz.json', diagnostics)) JSON.stringify(normalizeEvent(record));
  return diagnostics;
}

export function eventTargets(): Array<{ name: string; seeds: string[]; run(input: string): Diagnostic[] }> {
  return [{ name: 'reader events-json', seeds: eventSeeds(), run: readAndNormalize }];
}
