/** Related indicators: an exact value few rules share names the nearest values holding it or held by it. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from './catalog.js';
import { nearestRelated, valueRelation } from '../analysis/related-indicators.js';
import { ruleReportText } from '../analysis/report/index.js';
import { storedRuleReport } from './rule-reports.js';

const rule = (title: string, contains: string): string => `title: ${title}
id: ${title.toLowerCase().replace(/\W+/g, '-')}
status: test
logsource:
  product: windows
  category: process_creation
detection:
  selection:
    CommandLine|contains: '${contains}'
  condition: selection
level: high
`;

let root: string;
let catalog: Catalog;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ruleatlas-related-'));
  const src = join(root, 'src');
  mkdirSync(src);
  writeFileSync(join(src, 'a.yml'), rule('Seed Transfer', '/transfer'));
  writeFileSync(join(src, 'b.yml'), rule('Spaced Transfer B', ' /transfer '));
  writeFileSync(join(src, 'c.yml'), rule('Spaced Transfer C', ' /transfer '));
  writeFileSync(join(src, 'd.yml'), rule('Short T', '/t'));
  catalog = Catalog.open(join(root, 'catalog.db'));
  await catalog.ingest(src, { name: 'local' });
});

afterAll(() => {
  catalog?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('related indicators', () => {
  it('relates values that hold one another, not ones far shorter or longer', () => {
    expect(valueRelation('/transfer', ' /transfer ')).toBe('contains');
    expect(valueRelation(' /transfer ', '/transfer')).toBe('within');
    expect(valueRelation('/transfer', '/t')).toBeUndefined();
    expect(valueRelation('/transfer', '/transfer /download /priority high')).toBeUndefined();
    expect(valueRelation('/transfer', '/download')).toBeUndefined();
    const near = nearestRelated(
      'bitsadmin',
      [
        { kind: 'detection', canonical: 'c', op: 'match', value: '\\bitsadmin.exe', count: 9 },
        { kind: 'detection', canonical: 'c', op: 'match', value: 'bitsadmin ', count: 1 },
      ],
      5,
    );
    expect(near.map((n) => n.value)).toEqual(['bitsadmin ', '\\bitsadmin.exe']);
  });

  it("lists under the seed's /transfer the spaced value two rules share, on the rule and in show", () => {
    const view = catalog.rule('local:a.yml')!;
    const transfer = view.indicators.find((i) => i.canonical === 'process.command_line')!;
    expect(transfer).toMatchObject({ value: '/transfer', count: 0 });
    expect(transfer.related).toEqual([
      {
        kind: 'detection',
        canonical: 'process.command_line',
        op: 'match',
        value: ' /transfer ',
        count: 2,
        relation: 'contains',
      },
    ]);
    const text = ruleReportText(storedRuleReport(catalog, 'local:a.yml')!.report);
    expect(text).toContain('near: contains this value: match ␠/transfer␠, 2 rules');
  });

  it('answers from the other side: the spaced value holds the plain one', () => {
    expect(
      catalog.relatedIndicators({
        kind: 'detection',
        canonical: 'process.command_line',
        op: 'match',
        value: ' /transfer ',
      }),
    ).toEqual([
      {
        kind: 'detection',
        canonical: 'process.command_line',
        op: 'match',
        value: '/transfer',
        count: 1,
        relation: 'within',
      },
    ]);
  });
});
