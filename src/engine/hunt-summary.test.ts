// The per-language view of a hunt: rules, evaluable, fired, events with a hit, reasons, cross-language events.
import { describe, expect, it } from 'vitest';
import type { ParsedRule } from '../model/rule.js';
import type { HuntResult } from './hunt.js';
import { huntSummary, reasonKind } from './hunt-summary.js';

const rule = (id: string, language: string): ParsedRule =>
  ({ rule: { id, language, title: id }, query: null }) as unknown as ParsedRule;
const at = (index: number) => ({ file: 'e.json', index });
const hit = (ruleId: string, language: string, events: number[]) => ({
  ruleId,
  title: ruleId,
  language,
  source: 's',
  path: 'p',
  techniques: [],
  events: events.map(at),
  count: events.length,
});

describe('huntSummary', () => {
  it('counts rules, evaluable, fired and events per language, and events several languages fired on', () => {
    const rules = [
      rule('a', 'sigma'),
      rule('b', 'sigma'),
      rule('c', 'spl'),
      rule('d', 'yaral'),
      rule('e', 'yaral'),
    ];
    const result: HuntResult = {
      events: 3,
      rules: 5,
      hits: [hit('a', 'sigma', [0, 1]), hit('b', 'sigma', [1]), hit('c', 'spl', [1, 2])],
      notEvaluable: [
        { ruleId: 'd', reason: 'reference list %admins has no values here' },
        { ruleId: 'e', reason: 'reference list %vips has no values here' },
      ],
      counts: { withoutNarrowing: 0, dispatched: 0, evaluated: 0 },
    };
    const summary = huntSummary(result, rules);
    expect(summary.languages).toEqual([
      { language: 'sigma', rules: 2, evaluable: 2, notEvaluable: 0, fired: 2, events: 2 },
      { language: 'spl', rules: 1, evaluable: 1, notEvaluable: 0, fired: 1, events: 2 },
      { language: 'yaral', rules: 2, evaluable: 0, notEvaluable: 2, fired: 0, events: 0 },
    ]);
    expect(summary.notEvaluable).toEqual([
      { language: 'yaral', reason: 'reference list %list has no values here', rules: 2 },
    ]);
    expect(summary.crossLanguage).toEqual([{ event: at(1), languages: ['sigma', 'spl'], rules: 3 }]);
  });

  it('groups reasons by kind', () => {
    expect(reasonKind('the query does not parse: Unexpected ")" (3:14)')).toBe('the query does not parse');
    expect(reasonKind('"abc" is not a number for gt')).toBe('… is not a number for gt');
    expect(reasonKind('function timestamp.get_hour is not evaluable')).toBe(
      'function timestamp.get_hour is not evaluable',
    );
  });
});
