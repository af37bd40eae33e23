/** Benchmark figures: named measurements printed one per line, or as one JSON document. */

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The quality bar from SPEC §6, when there is one. */
  bar?: { op: '<' | '>='; value: number };
  /** Set when this bench does not measure the figure: what does (its value is NaN, null in JSON). */
  elsewhere?: string;
}

/** A figure the issues ask for that another command measures, listed with its bar so none is forgotten. */
export function measuredElsewhere(name: string, unit: string, bar: Figure['bar'], command: string): Figure {
  return { name, value: Number.NaN, unit, bar, elsewhere: command };
}

export function meets(f: Figure): boolean | undefined {
  if (!f.bar || f.elsewhere) return undefined;
  return f.bar.op === '<' ? f.value < f.bar.value : f.value >= f.bar.value;
}

export function formatFigure(f: Figure): string {
  if (f.elsewhere) {
    const bar = f.bar ? `  (bar ${f.bar.op} ${f.bar.value} ${f.unit}: not run)` : '';
    return `${f.name}: not measured here, run ${f.elsewhere}${bar}`;
  }
  const value = Number.isInteger(f.value) ? String(f.value) : f.value.toFixed(f.value < 10 ? 2 : 1);
  const verdict = meets(f);
  const bar = f.bar ? `  (bar ${f.bar.op} ${f.bar.value} ${f.unit}: ${verdict ? 'ok' : 'MISSED'})` : '';
  return `${f.name}: ${value} ${f.unit}${bar}`;
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
