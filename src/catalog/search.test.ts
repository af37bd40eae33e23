/** Search over a small catalog: relevance with title matches first, sorts, OR-ed facet values, the tactic facet, CSV. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineAttack } from '../knowledge/attack/offline-table.js';
import { Catalog } from './catalog.js';
import { searchCatalog, exportCatalog } from './rule-search.js';
import { searchCsv } from './search-csv.js';

const sigma = (o: {
  title: string;
  description: string;
  level?: string;
  date: string;
  tag: string;
}): string =>
  `title: ${o.title}
id: ${o.title.toLowerCase().replace(/\W+/g, '-')}
status: test
description: ${o.description}
date: ${o.date}
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    Image|endswith: '\\x.exe'
  condition: selection
${o.level ? `level: ${o.level}\n` : ''}tags:
  - ${o.tag}
`;

let root: string;
let catalog: Catalog;
const attack = offlineAttack();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ruleatlas-search-'));
  const src = join(root, 'src');
  mkdirSync(src, { recursive: true });
  const rules = [
    // Mentions bitsadmin only in its description, many times: bm25 alone would rank it high.
    {
      title: 'Alpha Download Cradle',
      description: 'bitsadmin bitsadmin bitsadmin downloads a file',
      level: 'critical',
      date: '2019/01/01',
      tag: 'attack.t1105',
    },
    {
      title: 'Suspicious Bitsadmin Job',
      description: 'a job created',
      level: 'low',
      date: '2024/05/01',
      tag: 'attack.t1197',
    },
    { title: 'Zulu Certutil Decode', description: 'decodes', date: '2022-03-04', tag: 'attack.t1140' },
  ];
  rules.forEach((r, i) => writeFileSync(join(src, `r${i}.yml`), sigma(r)));
  writeFileSync(
    join(src, 'e.kql'),
    '// Bitsadmin In Kusto\nDeviceProcessEvents | where FileName =~ "bitsadmin.exe"\n',
  );
  catalog = Catalog.open(join(root, 'catalog.db'));
  await catalog.ingest(src, { name: 'local' });
});

afterAll(() => {
  catalog?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const titles = (r: { rules: Array<{ title: string }> }): string[] => r.rules.map((x) => x.title);

describe('search', () => {
  it('ranks by relevance with titles holding the words first', () => {
    const found = searchCatalog(catalog, { text: 'bitsadmin' }, attack);
    // The Kusto rule says bitsadmin in its title and its query: it leads.
    expect(titles(found)).toEqual([
      'Bitsadmin In Kusto',
      'Suspicious Bitsadmin Job',
      'Alpha Download Cradle',
    ]);
  });

  it('sorts by title, date (newest first) and severity (most severe first)', () => {
    const all = (sort: 'title' | 'date' | 'severity') => titles(searchCatalog(catalog, { sort }, attack));
    expect(all('title').slice(0, 3)).toEqual([
      'Alpha Download Cradle',
      'Bitsadmin In Kusto',
      'Suspicious Bitsadmin Job',
    ]);
    expect(all('date').slice(0, 3)).toEqual([
      'Suspicious Bitsadmin Job',
      'Zulu Certutil Decode',
      'Alpha Download Cradle',
    ]);
    expect(all('severity').slice(0, 2)).toEqual(['Alpha Download Cradle', 'Suspicious Bitsadmin Job']);
    // Relevance without words is the title order.
    expect(titles(searchCatalog(catalog, { sort: 'relevance' }, attack))).toEqual(all('title'));
  });

  it('ORs several values of one facet, and counts each facet without its own filter', () => {
    const one = searchCatalog(catalog, { language: 'kusto' }, attack);
    expect(one.total).toBe(1);
    expect(one.facets.language).toEqual([
      { value: 'sigma', count: 3 },
      { value: 'kusto', count: 1 },
    ]);
    const both = searchCatalog(catalog, { language: ['kusto', 'sigma'] }, attack);
    expect(both.total).toBe(4);
    const severities = searchCatalog(catalog, { severity: ['low', 'none'] }, attack);
    expect(titles(severities).sort()).toEqual([
      'Bitsadmin In Kusto',
      'Suspicious Bitsadmin Job',
      'Zulu Certutil Decode',
    ]);
  });

  it('shows techniques in results and counts rules per tactic', () => {
    const found = searchCatalog(catalog, { text: 'certutil' }, attack);
    expect(found.rules[0]?.techniques).toEqual(['T1140']);
    const all = searchCatalog(catalog, {}, attack);
    expect(all.facets.tactic).toContainEqual({ value: 'defense-evasion', count: 2 });
    expect(all.facets.tactic).toContainEqual({ value: 'command-and-control', count: 1 });
    const evasion = searchCatalog(catalog, { tactic: ['defense-evasion', 'command-and-control'] }, attack);
    expect(evasion.total).toBe(3);
  });

  it('exports every matching rule as CSV in the asked order', () => {
    const csv = searchCsv(exportCatalog(catalog, { sort: 'date' }, attack));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('key,id,title,language,format,source,path,severity,status,techniques,parsed');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe(
      'local:r1.yml,suspicious-bitsadmin-job,Suspicious Bitsadmin Job,sigma,sigma,local,r1.yml,low,test,T1197,true',
    );
  });
});
