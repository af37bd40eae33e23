// The investigation guide's Markdown: the subset renders, and nothing in the text becomes markup or a script link.
import { describe, expect, it } from 'vitest';
import { inlineMarkdown, renderMarkdown } from './markdown.js';

const md = (text: string): string => String(renderMarkdown(text));

describe('renderMarkdown', () => {
  it('renders headings, nested lists, quotes, code and paragraphs', () => {
    const guide = [
      '## Triage and analysis',
      '',
      '> **Note**:',
      '> Read this.',
      '',
      '### Possible steps',
      '',
      '- Search `bitsadmin.exe` processes',
      '  - and their',
      '    command lines.',
      '- Check [BitsParser](https://github.com/fireeye/BitsParser).',
      '',
      '1. one',
      '2. two',
      '',
      '```',
      'x < y',
      '```',
      'A paragraph',
      'on two lines.',
    ].join('\n');
    expect(md(guide)).toBe(
      '<h3>Triage and analysis</h3>' +
        '<blockquote><strong>Note</strong>:<br />Read this.</blockquote>' +
        '<h4>Possible steps</h4>' +
        '<ul><li>Search <code>bitsadmin.exe</code> processes<ul><li>and their command lines.</li></ul></li>' +
        '<li>Check <a href="https://github.com/fireeye/BitsParser" rel="noopener noreferrer" target="_blank">BitsParser</a>.</li></ul>' +
        '<ol><li>one</li><li>two</li></ol>' +
        '<pre class="code"><code>x &lt; y</code></pre>' +
        '<p>A paragraph on two lines.</p>',
    );
  });

  it('escapes every piece of text and links only http(s) addresses', () => {
    expect(inlineMarkdown('<img src=x onerror=alert(1)> [a](javascript:alert(1)) `<b>`')).toBe(
      '&lt;img src=x onerror=alert(1)&gt; [a](javascript:alert(1)) <code>&lt;b&gt;</code>',
    );
    expect(inlineMarkdown('[x"y](https://e.example/a"b)')).toBe(
      '<a href="https://e.example/a%22b" rel="noopener noreferrer" target="_blank">x&quot;y</a>',
    );
    expect(md('# <script>alert(1)</script>')).toBe('<h3>&lt;script&gt;alert(1)&lt;/script&gt;</h3>');
    expect(md('```\nunclosed <b>')).toBe('<pre class="code"><code>unclosed &lt;b&gt;</code></pre>');
  });
});
