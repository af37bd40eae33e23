/** Every bench figure prints in one format: name, value and unit, then its bar and verdict. */
import { describe, expect, it } from 'vitest';
import { formatFigure, measuredElsewhere } from './figures.js';

describe('bench figures', () => {
  it('prints a measured figure with its bar and verdict', () => {
    expect(
      formatFigure({ name: 'cold ingest', value: 3500, unit: 'ms', bar: { op: '<', value: 4000 } }),
    ).toBe('cold ingest: 3500 ms  (bar < 4000 ms: ok)');
    expect(formatFigure({ name: 'ratio', value: 2.75, unit: '×', bar: { op: '<', value: 2.5 } })).toBe(
      'ratio: 2.75 ×  (bar < 2.5 ×: MISSED)',
    );
  });

  it('lists a figure another command measures, with its bar, and writes null for it in JSON', () => {
    const f = measuredElsewhere('load test p99', 'ms', { op: '<', value: 100 }, 'npm run load');
    expect(formatFigure(f)).toBe(
      'load test p99: not measured here, run npm run load  (bar < 100 ms: not run)',
    );
    expect(JSON.parse(JSON.stringify(f))).toMatchObject({ value: null, elsewhere: 'npm run load' });
  });
});
