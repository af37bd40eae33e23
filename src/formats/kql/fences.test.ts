/** Fence scanner tests: CommonMark opening and closing rules, info strings, indentation and unclosed fences. */
import { describe, expect, it } from 'vitest';
import { scanMarkdown } from './fences.js';

describe('markdown fence scanner', () => {
  it('finds backtick and tilde fences with their info strings and content', () => {
    const text = '# T\n```KQL\nA | take 1\n```\n~~~~ kusto title\nB\n~~~~\n';
    const { fences, lines } = scanMarkdown(text);
    expect(fences.map((f) => [f.info, text.slice(f.contentStart, f.contentEnd), f.closed])).toEqual([
      ['KQL', 'A | take 1', true],
      ['kusto title', 'B', true],
    ]);
    expect(lines.map((l) => l.text)).toEqual(['# T', '']);
  });

  it('closes only on a fence of the same character at least as long, and allows up to 3 spaces of indentation', () => {
    const text = '   ````\n```\n~~~\n````\n    ```\nnot a fence\n';
    const { fences, lines } = scanMarkdown(text);
    expect(fences).toHaveLength(1);
    expect(text.slice(fences[0].contentStart, fences[0].contentEnd)).toBe('```\n~~~');
    expect(fences[0].indent).toBe(3);
    expect(lines.map((l) => l.text)).toEqual(['    ```', 'not a fence', '']);
  });

  it('rejects a backtick info string containing a backtick, and runs an unclosed fence to the end', () => {
    expect(scanMarkdown('``` a`b\n').fences).toEqual([]);
    const { fences } = scanMarkdown('```\nT | take 1\n');
    expect(fences[0]).toMatchObject({ closed: false });
  });
});
