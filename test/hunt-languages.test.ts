/** `ruleatlas hunt` over rules of every language: the per-language summary, rules not evaluable, the fired layer. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = resolve('dist/cli/main.js');
const work = mkdtempSync(join(tmpdir(), 'ruleatlas-hunt-languages-'));
const events = ['bitsadmin-sysmon1.json', 'bitsadmin-4688.json'].map((n) =>
  resolve('test/fixtures/events', n),
);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!existsSync(CLI))('ruleatlas hunt across languages', () => {
  it('lists every rule as evaluated or not evaluable, per language and reason, and writes the fired layer', () => {
    const layerFile = join(work, 'fired.json');
    const r = spawnSync(
      process.execPath,
      [CLI, 'hunt', ...events, '--rules', resolve('examples'), '--layer', layerFile, '--json'],
      { encoding: 'utf8', env: { ...process.env, CI: '1' } },
    );
    const result = JSON.parse(r.stdout);
    const languages = result.languages as Array<{
      language: string;
      rules: number;
      evaluable: number;
      notEvaluable: number;
    }>;
    expect(languages.map((l) => l.language)).toEqual(
      expect.arrayContaining(['sigma', 'spl', 'kusto', 'yaral', 'eql']),
    );
    expect(languages.reduce((n, l) => n + l.rules, 0)).toBe(result.rules);
    for (const l of languages) expect(l.evaluable + l.notEvaluable).toBe(l.rules);
    const yaral = result.notEvaluable.filter((n: { language: string }) => n.language === 'yaral');
    expect(yaral.map((n: { reason: string }) => n.reason)).toContain(
      'reference list %office_automation_accounts has no values here',
    );
    expect(result.notEvaluableByReason).toContainEqual({
      language: 'yaral',
      reason: 'reference list %list has no values here',
      rules: 1,
    });
    const layer = JSON.parse(readFileSync(layerFile, 'utf8'));
    expect(layer.versions.layer).toBe('4.5');
    expect(layer.legendItems.map((l: { label: string }) => l.label)).toEqual([
      'covered, did not fire',
      'fired',
    ]);
    const scores = new Set(layer.techniques.map((t: { score: number }) => t.score));
    expect(scores.has(1)).toBe(true);
    if (result.hits.length) expect(scores.has(2)).toBe(true);
  });
});
