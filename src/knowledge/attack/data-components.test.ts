// Data components of a technique, in the shape of v10–v17 bundles and of v18 detection strategies.
import { describe, expect, it } from 'vitest';
import { readAttackBundle } from './bundle.js';

const ref = (id: string) => [{ source_name: 'mitre-attack', external_id: id }];
const technique = {
  type: 'attack-pattern',
  id: 'attack-pattern--bits',
  name: 'BITS Jobs',
  external_references: ref('T1197'),
  kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'persistence' }],
};
const component = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  type: 'x-mitre-data-component',
  id: `x-mitre-data-component--${id}`,
  name,
  ...extra,
});
const detects = (source: string) => ({
  type: 'relationship',
  id: `relationship--${source}`,
  relationship_type: 'detects',
  source_ref: source,
  target_ref: 'attack-pattern--bits',
});
const bundle = (objects: unknown[]) => JSON.stringify({ type: 'bundle', id: 'bundle--1', objects });

describe('data components', () => {
  it('come from components that detect the technique (v10–v17)', () => {
    const data = readAttackBundle(
      bundle([
        technique,
        component('p', 'Process Creation'),
        component('s', 'Service Creation'),
        component('old', 'Old Component', { revoked: true }),
        detects('x-mitre-data-component--s'),
        detects('x-mitre-data-component--p'),
        detects('x-mitre-data-component--old'),
      ]),
    );
    expect(data.techniques.T1197.dataComponents).toEqual(['Process Creation', 'Service Creation']);
  });

  it('come from the analytics of a detection strategy that detects it (v18)', () => {
    const data = readAttackBundle(
      bundle([
        technique,
        component('p', 'Process Creation'),
        component('n', 'Network Connection Creation'),
        {
          type: 'x-mitre-analytic',
          id: 'x-mitre-analytic--1',
          x_mitre_log_source_references: [
            { x_mitre_data_component_ref: 'x-mitre-data-component--p', name: 'WinEventLog:Sysmon' },
            { x_mitre_data_component_ref: 'x-mitre-data-component--n', name: 'WinEventLog:Sysmon' },
          ],
        },
        {
          type: 'x-mitre-detection-strategy',
          id: 'x-mitre-detection-strategy--1',
          x_mitre_analytic_refs: ['x-mitre-analytic--1'],
        },
        detects('x-mitre-detection-strategy--1'),
      ]),
    );
    expect(data.techniques.T1197.dataComponents).toEqual(['Network Connection Creation', 'Process Creation']);
  });

  it('are absent when nothing detects the technique', () => {
    expect(readAttackBundle(bundle([technique])).techniques.T1197.dataComponents).toBeUndefined();
  });
});
