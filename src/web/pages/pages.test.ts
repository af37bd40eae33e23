// The pages' small decisions: summaries, log sources, stage indentation, heat shades, corpus wording, safe links.
import { describe, expect, it } from 'vitest';
import { logSourceOf, summaryOf } from './rule-data.js';
import { stageDisplayText } from './rule-parse.js';
import { heat } from './attack-matrix.js';
import { corpusText, html, indicatorValueText, safeHttpUrl } from '../markup.js';
import { indicatorHref, repositoryFileHref, ruleHref } from '../links.js';

describe('rule page helpers', () => {
  it('summarises a description by its first sentence', () => {
    expect(summaryOf('BITSAdmin is a tool. It does more.')).toBe('BITSAdmin is a tool.');
    expect(summaryOf('No full stop here')).toBe('No full stop here');
    expect(summaryOf('v1.2 of the rule.  Next')).toBe('v1.2 of the rule.');
    expect(summaryOf(null)).toBe('');
  });

  it('states the log source as the seed does', () => {
    expect(logSourceOf({ product: 'windows', category: 'process_creation' })).toBe(
      'product windows; category process_creation',
    );
    expect(logSourceOf({ index: ['logs-*', 'winlogbeat-*'], type: '' })).toBe('index logs-*, winlogbeat-*');
  });

  it('puts a YAML selection back at its column', () => {
    expect(stageDisplayText("selection:\n        Image|endswith: 'x'\n        User: y", 5)).toBe(
      "selection:\n    Image|endswith: 'x'\n    User: y",
    );
    expect(stageDisplayText('DeviceEvents\n| where A', 3)).toBe('DeviceEvents\n| where A');
    expect(stageDisplayText('selection and not filter', 15)).toBe('selection and not filter');
  });

  it('words corpus counts as other rules on a rule page and as rules elsewhere, and specific ones apart', () => {
    expect(corpusText(29, { sigma: 29 })).toBe('29 rules (sigma 29)');
    expect(corpusText(1, { sigma: 1 })).toBe('1 rule (sigma 1)');
    expect(corpusText(28, { sigma: 28 }, 'others')).toBe('28 other rules (sigma 28)');
    expect(corpusText(3, { kusto: 1, sigma: 2 }, 'others')).toBe('3 other rules (sigma 2, kusto 1)');
    expect(corpusText(0, {}, 'others')).toBe('specific to this rule');
  });
});

describe('links', () => {
  it('only lets http(s) addresses become links', () => {
    expect(safeHttpUrl('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(safeHttpUrl(' javascript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('JAVASCRIPT:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('data:text/html,x')).toBeUndefined();
    expect(safeHttpUrl('//evil.example/x')).toBeUndefined();
  });

  it('encodes keys and indicator parts', () => {
    expect(ruleHref('src:a/b c.yml#2')).toBe('/rule/src%3Aa%2Fb%20c.yml%232');
    expect(
      indicatorHref({
        kind: 'detection',
        canonical: 'process.image_path',
        op: 'ends_with',
        value: '\\a&b.exe',
      }),
    ).toBe('/indicator?kind=detection&canonical=process.image_path&op=ends_with&value=%5Ca%26b.exe');
  });

  it("links a rule to its line in its repository at the commit ingested, in each host's form", () => {
    const place = { prefix: 'rules', path: 'win/a b.yml', ref: 'abc123', line: 12 };
    expect(repositoryFileHref('https://github.com/o/r/', place)).toBe(
      'https://github.com/o/r/blob/abc123/rules/win/a%20b.yml#L12',
    );
    expect(repositoryFileHref('https://gitlab.com/g/r', place)).toBe(
      'https://gitlab.com/g/r/-/blob/abc123/rules/win/a%20b.yml#L12',
    );
    expect(repositoryFileHref('https://git.example.org/r', { prefix: '', path: 'a.yml', ref: null })).toBe(
      'https://git.example.org/r/blob/HEAD/a.yml#L1',
    );
  });
});

describe('matrix shades', () => {
  it('grows on a log scale up to the busiest cell', () => {
    expect(heat(0, 100)).toBe(0);
    expect(heat(1, 100)).toBe(1);
    expect(heat(100, 100)).toBe(5);
    expect(heat(10, 100)).toBeLessThan(heat(50, 100));
  });
});

describe('text that reads as it is', () => {
  it('names bidirectional controls in every interpolated string, and shows spaces at the ends of a value', async () => {
    expect(String(await html`<p>${'Invoice\u202Egpj.exe'}</p>`)).toBe('<p>Invoice⟨U+202E⟩gpj.exe</p>');
    expect(indicatorValueText(' /transfer ')).toBe('␠/transfer␠');
    expect(indicatorValueText('')).toBe('(any value)');
  });
});
