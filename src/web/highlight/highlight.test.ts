// The display tokenizers: lossless over any input, escaped before wrapping, and right about the common shapes.
import { visibleControls } from '../../text/visible.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { highlight, type Syntax } from './index.js';
import { yamlTokens } from './yaml.js';
import { tomlTokens } from './toml.js';
import { queryTokens } from './query.js';

const classed = (tokens: Array<{ cls: string | null; text: string }>, cls: string): string[] =>
  tokens.filter((t) => t.cls === cls).map((t) => t.text.trim());

describe('highlight', () => {
  it('keeps every character (invisible controls named) and leaves no markup but its own spans', () => {
    const syntaxes: Syntax[] = ['yaml', 'toml', 'query', 'plain'];
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.constantFrom(...syntaxes),
        fc.constantFrom('spl', 'kusto', 'eql', 'yaral', null),
        (text, syntax, language) => {
          const out = highlight(text, syntax, language).toString();
          const bare = out.replace(/<span class="[a-z]">|<\/span>/g, '');
          expect(bare).not.toMatch(/[<>"]/);
          const decoded = bare.replace(
            /&lt;|&gt;|&quot;|&#39;|&amp;/g,
            (e) => ({ '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' })[e]!,
          );
          expect(decoded).toBe(visibleControls(text));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('escapes a script in a YAML value', () => {
    const out = highlight("title: x <script>alert('t')</script>\n", 'yaml').toString();
    expect(out).toContain('<span class="k">title</span>');
    expect(out).toContain('&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;');
  });

  it('reads YAML keys, lists, literals, comments and block scalars', () => {
    const tokens = yamlTokens(
      "detection:\n  sel:\n    - Image|endswith: '\\a.exe' # why\n  n: 3\ndescription: |\n  line one: not a key\n  line two\nlevel: high\n",
    );
    expect(classed(tokens, 'k')).toEqual(['detection', 'sel', 'Image|endswith', 'n', 'description', 'level']);
    expect(classed(tokens, 'c')).toEqual(['# why']);
    expect(classed(tokens, 'n')).toEqual(['3']);
    expect(classed(tokens, 's')).toContain("'\\a.exe'");
    expect(tokens.map((t) => t.text).join('')).toContain('line one: not a key');
    expect(classed(tokens, 's').join('\n')).toContain('line one: not a key');
  });

  it('reads TOML tables, keys, multi-line strings and literals', () => {
    const tokens = tomlTokens(
      "[rule]\nname = \"x\"\nrisk_score = 47\nquery = '''\nprocess where a == 1\n'''\n[[rule.threat]]\n",
    );
    expect(classed(tokens, 'h')).toEqual(['[rule]', '[[rule.threat]]']);
    expect(classed(tokens, 'k')).toEqual(['name', 'risk_score', 'query']);
    expect(classed(tokens, 'n')).toEqual(['47']);
    expect(classed(tokens, 's')).toEqual(['"x"', "'''\nprocess where a == 1\n'''"]);
  });

  it('reads SPL macros, fields, keywords and pipes', () => {
    const tokens = queryTokens('`sysmon` EventCode=1 "BITS" | stats count by host', 'spl');
    expect(classed(tokens, 'f')).toEqual(['`sysmon`']);
    expect(classed(tokens, 'k')).toEqual(['EventCode']);
    expect(classed(tokens, 's')).toEqual(['"BITS"']);
    expect(classed(tokens, 'w')).toEqual(['stats', 'count', 'by']);
    expect(classed(tokens, 'o')).toContain('|');
  });

  it('reads Kusto comments, strings and hyphenated operators', () => {
    const tokens = queryTokens(
      'DeviceProcessEvents // recent\n| where FileName =~ @"C:\\x" | project-away A',
      'kusto',
    );
    expect(classed(tokens, 'c')).toEqual(['// recent']);
    expect(classed(tokens, 's')).toEqual(['@"C:\\x"']);
    expect(classed(tokens, 'w')).toEqual(['where', 'project-away']);
  });
});
