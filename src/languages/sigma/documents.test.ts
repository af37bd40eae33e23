/** Multi-document assembly: `action: global`, `reset` and `repeat`, as the reader and the parser both see it. */
import { describe, expect, it } from 'vitest';
import { FileLocator } from '../../text/locator.js';
import { parseYamlDocuments } from '../../text/yaml-documents.js';
import { emptyContext } from '../language.js';
import { assembleRules } from './documents.js';
import { sigmaLanguage } from './index.js';

const STREAM = [
  'action: global\ntitle: g\nlogsource:\n  product: windows\ndetection:\n  condition: sel\n',
  'title: one\nlogsource:\n  category: process_creation\ndetection:\n  sel:\n    a: 1\n',
  'action: repeat\ntitle: two\ndetection:\n  sel:\n    a: 2\n',
  'action: reset\n',
  'title: three\nlogsource:\n  service: system\ndetection:\n  sel:\n    b: 3\n  condition: sel\n',
].join('---\n');

function assemble(text: string) {
  const locator = new FileLocator(text);
  const fileDiagnostics: ReturnType<typeof parseYamlDocuments>[number]['diagnostics'] = [];
  const parts = assembleRules(parseYamlDocuments(text, locator, 'sigma'), locator, fileDiagnostics);
  return { parts, fileDiagnostics };
}

describe('assembleRules', () => {
  it('merges global parts into each rule, repeats the previous rule and forgets the global after reset', () => {
    const { parts } = assemble(STREAM);
    expect(parts.map((p) => p.value)).toEqual([
      {
        title: 'one',
        logsource: { product: 'windows', category: 'process_creation' },
        detection: { condition: 'sel', sel: { a: 1 } },
      },
      {
        title: 'two',
        logsource: { product: 'windows', category: 'process_creation' },
        detection: { condition: 'sel', sel: { a: 2 } },
      },
      { title: 'three', logsource: { service: 'system' }, detection: { sel: { b: 3 }, condition: 'sel' } },
    ]);
    // A repeated rule keeps every document it was built from, for positions: global, the previous rule, its own.
    expect(parts.map((p) => p.documents.length)).toEqual([2, 3, 1]);
  });

  it('warns about a repeat with no rule before it, and reads it as a rule of its own', () => {
    const { parts } = assemble('action: repeat\ntitle: x\ndetection:\n  sel:\n    a: 1\n  condition: sel\n');
    expect(parts).toHaveLength(1);
    expect(parts[0].value.title).toBe('x');
    expect(parts[0].own.diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} ${d.message}`)).toEqual([
      'warning 1:1 Unexpected "action: repeat", expected a rule document before it',
    ]);
  });
});

describe('the Sigma parser without the reader hand-off', () => {
  it('assembles the stream as the reader does: the first rule with the global part merged in', () => {
    const q = sigmaLanguage.parse({
      source: { language: 'sigma', text: STREAM, start: { line: 1, column: 1, offset: 0 } },
      context: emptyContext(),
    });
    expect(q.diagnostics).toEqual([]);
    expect(q.dataSources.map((d) => d.value)).toEqual(['product:windows', 'category:process_creation']);
    expect(q.stages.map((s) => [s.kind, s.text])).toEqual([
      ['condition', 'sel'],
      ['selection', 'sel:\n    a: 1'],
    ]);
    // Positions are the file's: the condition sits in the global document on line 6.
    expect(q.stages[0].span?.start.line).toBe(6);
  });

  it('reports a repeat with nothing before it, as the reader does', () => {
    const q = sigmaLanguage.parse({
      source: {
        language: 'sigma',
        text: 'action: repeat\ntitle: x\nlogsource:\n  product: w\ndetection:\n  sel:\n    a: 1\n  condition: sel\n',
        start: { line: 1, column: 1, offset: 0 },
      },
      context: emptyContext(),
    });
    expect(q.diagnostics.map((d) => d.message)).toEqual([
      'Unexpected "action: repeat", expected a rule document before it',
    ]);
    expect(q.stages).toHaveLength(2);
  });
});
