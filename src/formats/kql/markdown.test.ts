/** Markdown reader tests: which fences become rules, ids and titles, document facts, and file positions. */
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../format.js';
import { kqlMarkdownReader } from './markdown.js';
import { readAs } from '../registry.js';

const file = (text: string, path = 'hunt/doc.md'): SourceFile => ({
  path,
  text,
  bytes: text.length,
  sourceName: 'test',
});

describe('kql markdown reader', () => {
  it('does not take Markdown without a query block, nor files that are not Markdown', () => {
    expect(kqlMarkdownReader.recognize(file('# Notes\n\n```bash\nls -la\n```\n'))).toBeUndefined();
    expect(kqlMarkdownReader.recognize(file('# Notes\n```\nhello there\n```\n'))).toBeUndefined();
    expect(kqlMarkdownReader.recognize(file('```KQL\nT | take 1\n```\n', 'doc.txt'))).toBeUndefined();
  });

  it('makes one rule per KQL block, titled after the document and the section', () => {
    const text =
      '# Rare logons\n\nSee T1078 in the table below.\n\n| Technique | Tactic |\n|---|---|\n| T1078 | TA0001 |\n\n## Defender XDR\n```KQL\nDeviceLogonEvents\n| where LogonType == "Network"\n```\n## Sentinel\n```\nSecurityEvent\n| where EventID == 4624\n```\n';
    const { rules } = readAs(kqlMarkdownReader, file(text))!;
    expect(rules.map((r) => [r.id, r.title, r.query?.start.line])).toEqual([
      ['hunt/doc.md#1', 'Rare logons — Defender XDR', 11],
      ['hunt/doc.md#2', 'Rare logons — Sentinel', 16],
    ]);
    expect(rules[0].attack).toEqual({ techniques: ['T1078'], tactics: ['TA0001'], names: {} });
    expect(rules[0].description).toBe('See T1078 in the table below.');
    expect(rules[0].raw).toBe('```KQL\nDeviceLogonEvents\n| where LogonType == "Network"\n```');
  });

  it('hands the parse it made of an unlabeled block to the parser', () => {
    const result = readAs(kqlMarkdownReader, file('# X\n```\nT | where a == 1\n```\n'))!;
    expect(result.rules[0].id).toBe('hunt/doc.md');
    expect(result.prepared?.[0]).toMatchObject({ text: 'T | where a == 1' });
  });
});
