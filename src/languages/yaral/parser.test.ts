// The YARA-L parser and lowering: specific values, positions, and survival of mutated input.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplesRoot } from '../../../test/corpus.js';
import { yaralLanguage } from './index.js';
import { emptyContext } from '../language.js';
import { parseYaral } from './parser.js';
import { isParserBug } from '../guard.js';

function parse(text: string, start = { line: 1, column: 1, offset: 0 }) {
  return yaralLanguage.parse({ source: { language: 'yaral', text, start }, context: emptyContext() });
}

const RULE = `rule r {
  meta:
    author = "a"
  events:
    $e.metadata.event_type = "PROCESS_LAUNCH"
    not re.regex($e.target.process.file.full_path, \`\\\\cmd\\.exe$\`) nocase
  match:
    $e over 5m
  condition:
    $e
}`;

describe('parseYaral', () => {
  it('builds the rule with its sections in order', () => {
    const { rule, problems } = parseYaral(RULE);
    expect(problems).toEqual([]);
    expect(rule?.name).toBe('r');
    expect(rule?.sections.map((s) => s.name)).toEqual(['meta', 'events', 'match', 'condition']);
    expect(rule?.sections[0].meta).toMatchObject([{ key: 'author', value: 'a' }]);
    expect(rule?.sections[2].match).toMatchObject({ variables: ['$e'], keyword: 'over', window: '5m' });
  });

  it('maps positions through the query start', () => {
    const parsed = parse(RULE, { line: 20, column: 1, offset: 500 });
    const regex = parsed.stages[1].predicates[1];
    expect(regex).toMatchObject({
      field: 'target.process.file.full_path',
      op: 'regex',
      values: ['\\\\cmd\\.exe$'],
      negated: true,
      caseSensitive: false,
    });
    expect(regex.span?.start).toMatchObject({ line: 25, column: 9 });
    expect(parsed.stages[0].span?.start).toMatchObject({ line: 23, column: 3 });
    expect(parsed.stages.map((s) => s.kind)).toEqual(['events', 'event', 'match', 'condition']);
    expect(parsed.stages[1]).toMatchObject({ name: '$e', parent: 0, text: parsed.stages[0].text });
    expect(parsed.stages[2].text).toBe('match:\n    $e over 5m');
  });

  it('keeps what it understood after an error', () => {
    const parsed = parse('rule r {\n events:\n  $e.a = = 1\n  $e.b = "x"\n condition:\n  $e\n}');
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]).toMatchObject({ severity: 'error', line: 3, column: 10 });
    expect(parsed.stages[1].predicates.map((p) => p.field)).toEqual(['b']);
  });
});

/** Deterministic pseudo-random numbers, so a failing mutation can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const PIECES = [
  '(',
  ')',
  '{',
  '}',
  '"',
  '`',
  '/',
  '$',
  '#',
  '%',
  'not ',
  ' and ',
  '[',
  ']',
  '\n',
  'nocase',
  ':',
  '=',
  '.',
  '!',
];

describe('robustness', () => {
  const rules = readdirSync(join(examplesRoot, 'yaral')).map((f) =>
    readFileSync(join(examplesRoot, 'yaral', f), 'utf8'),
  );

  it('never throws and reports positions inside the text for mutated rules', () => {
    const next = random(7);
    for (let round = 0; round < 400; round++) {
      const base = rules[round % rules.length];
      let text = base;
      for (let k = 0; k < 3; k++) {
        const at = Math.floor(next() * text.length);
        const cut = Math.floor(next() * 4);
        text = text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at + cut);
      }
      const started = performance.now();
      const parsed = parse(text);
      expect(performance.now() - started).toBeLessThan(1000);
      for (const d of parsed.diagnostics) {
        expect(isParserBug(d)).toBe(false);
        expect(d.span!.start.offset).toBeLessThanOrEqual(text.length);
      }
    }
  });

  it('reports deep nesting instead of crashing', () => {
    const deep = `rule r {\n events:\n  ${'('.repeat(20000)}$e.a = 1${')'.repeat(20000)}\n condition:\n  $e\n}`;
    const parsed = parse(deep);
    expect(parsed.diagnostics.map((d) => d.code)).toContain('yaral/too-deep');
    const nots = parse(`rule r {\n events:\n  ${'not '.repeat(5000)}$e.a = 1\n condition:\n  $e\n}`);
    expect(nots.diagnostics[0]).toMatchObject({ line: 3, column: 1027 });
    const chain = Array.from({ length: 20000 }, (_, i) => `$e.a = "${i}"`).join(' or ');
    const chained = parse(`rule r {\n events:\n  ${chain}\n condition:\n  $e\n}`).stages[1];
    expect(chained.predicates).toHaveLength(20000);
    expect(chained.logic).toMatchObject({ type: 'or' });
  });
});
