// Field-to-field comparisons keep their op, with the other field as a `field` value and no indicator.
import { describe, expect, it } from 'vitest';
import { indicatorsOf } from '../../analysis/indicators.js';
import { emptyContext } from '../language.js';
import { eqlLanguage } from './index.js';

const parse = (text: string) =>
  eqlLanguage.parse({
    source: { language: 'eql', text, start: { line: 1, column: 1, offset: 0 } },
    context: emptyContext(),
  });

describe('EQL field-to-field comparisons', () => {
  it('keep lt/gt and fieldref against a field value', () => {
    const q = parse('process where process.pid > process.parent.pid and process.name == process.parent.name');
    expect(q.stages[0].predicates.map((p) => [p.field, p.op, p.values[0], p.valueKind])).toEqual([
      ['process.pid', 'gt', 'process.parent.pid', 'field'],
      ['process.name', 'fieldref', 'process.parent.name', 'field'],
    ]);
    expect(indicatorsOf(q).filter((i) => i.canonical !== 'event.category')).toEqual([]);
  });
});
