/** The hunt benchmark's measurements as figures, with SPEC §7's bars (50,000 events/s, 4× read+parse, 1 GiB). */
import type { Figure } from './figures.js';
import type { HuntBench } from './hunt-run.js';

export function huntBenchFigures(b: HuntBench): Figure[] {
  const seconds = b.huntMs / 1000;
  return [
    {
      name: `hunt: Sigma rules compiled (${b.rules} rules, ${b.notEvaluable} not evaluable)`,
      value: Math.round(b.compileMs),
      unit: 'ms',
    },
    {
      name: `hunt throughput, all Sigma rules (${b.events} events, ${b.hits} hits)`,
      value: Math.round(b.events / seconds),
      unit: 'events/s',
      bar: { op: '>=', value: 50000 },
    },
    { name: 'of which normalizing events', value: Math.round(b.normalizeMs), unit: 'ms' },
    { name: 'of which the engine (dispatch, prefilter, rules)', value: Math.round(b.engineMs), unit: 'ms' },
    {
      name: 'hunt throughput in bytes',
      value: Number((b.bytes / 1048576 / seconds).toFixed(1)),
      unit: 'MiB/s',
    },
    { name: 'read + JSON.parse of the same events (lines)', value: Math.round(b.parseMs), unit: 'ms' },
    { name: 'the project reader alone on the same events', value: Math.round(b.readMs), unit: 'ms' },
    {
      name: 'hunt time / read + JSON.parse time',
      value: Number((b.huntMs / b.parseMs).toFixed(2)),
      unit: '×',
      bar: { op: '<', value: 4 },
    },
    {
      name: `rule evaluations per event: all ${(b.withoutNarrowing / b.events).toFixed(0)}, after logsource dispatch ${(b.dispatched / b.events).toFixed(0)}, after the literal prefilter`,
      value: Number((b.evaluated / b.events).toFixed(1)),
      unit: 'rules/event',
    },
    { name: 'hunt peak RSS', value: b.peakRssMiB, unit: 'MiB', bar: { op: '<', value: 1024 } },
  ];
}

/** The hunt with every rule of every language loaded (a catalog of all corpora), with its bar of 20,000 events/s. */
export function huntAllLanguagesFigures(b: HuntBench): Figure[] {
  return [
    {
      name: `hunt throughput, all rules of all languages (${b.rules} rules, ${b.notEvaluable} not evaluable; ${b.events} events, ${b.hits} hits)`,
      value: Math.round(b.events / (b.huntMs / 1000)),
      unit: 'events/s',
      bar: { op: '>=', value: 20000 },
    },
    {
      name: `rule evaluations per event with all languages: after logsource dispatch ${(b.dispatched / b.events).toFixed(0)}, after the literal prefilter`,
      value: Number((b.evaluated / b.events).toFixed(1)),
      unit: 'rules/event',
    },
  ];
}
