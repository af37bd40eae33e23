// Coverage matrices and Navigator layers: small hand-made rule sets, and a layer for the whole Sigma corpus checked against the layer 4.5 format.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { corpusPath, sharedPath, filesUnder } from '../../../test/corpus.js';
import { techniqueIds } from '../../formats/attack-ids.js';
import { fallbackAttack, learnTechniqueNames, readAttackBundle, type AttackData } from '../../knowledge/attack/index.js';
import { compareCoverage, coverageMatrix, type Coverage, type CoverageRule } from './matrix.js';
import { declaredTacticsOnly } from './declared.js';
import { navigatorLayer } from './navigator.js';

const bundlePath = sharedPath('attack', 'enterprise-attack-18.1.json.gz');
const sigmaRoot = corpusPath('sigma');

const rule = (id: string, language: string, ...techniques: string[]): CoverageRule => ({ id, title: `Rule ${id}`, language, source: 'test', techniques });

/** The fields of the ATT&CK Navigator layer format 4.5 that a layer must have right to load. */
function layerProblems(layer: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  check(typeof layer.name === 'string' && layer.name.length > 0, 'name must be a non-empty string');
  const versions = layer.versions as Record<string, unknown> | undefined;
  check(versions?.layer === '4.5', 'versions.layer must be "4.5"');
  check(versions?.attack === undefined || /^\d+$/.test(String(versions.attack)), 'versions.attack must be a major version');
  check(typeof versions?.navigator === 'string', 'versions.navigator must be a string');
  check(typeof layer.domain === 'string' && /-attack$/.test(layer.domain as string), 'domain must name an ATT&CK domain');
  check(layer.description === undefined || typeof layer.description === 'string', 'description must be a string');
  const techniques = layer.techniques as Array<Record<string, unknown>>;
  check(Array.isArray(techniques), 'techniques must be a list');
  for (const t of techniques ?? []) {
    check(typeof t.techniqueID === 'string' && /^T\d{4}(\.\d{3})?$/.test(t.techniqueID), `techniqueID ${String(t.techniqueID)} must look like T1234 or T1234.001`);
    check(t.tactic === undefined || (typeof t.tactic === 'string' && /^[a-z-]+$/.test(t.tactic)), `tactic of ${String(t.techniqueID)} must be a shortname`);
    check(typeof t.score === 'number' && Number.isFinite(t.score), `score of ${String(t.techniqueID)} must be a number`);
    check(t.comment === undefined || typeof t.comment === 'string', 'comment must be a string');
    check(t.enabled === undefined || typeof t.enabled === 'boolean', 'enabled must be a boolean');
    check(t.showSubtechniques === undefined || typeof t.showSubtechniques === 'boolean', 'showSubtechniques must be a boolean');
    for (const m of (t.metadata as Array<Record<string, unknown>>) ?? []) check(typeof m.name === 'string' && typeof m.value === 'string', 'metadata entries need name and value strings');
  }
  const gradient = layer.gradient as { colors?: unknown[]; minValue?: unknown; maxValue?: unknown } | undefined;
  check(Array.isArray(gradient?.colors) && gradient.colors.length >= 2 && gradient.colors.every((c) => typeof c === 'string' && /^#[0-9a-f]{6}([0-9a-f]{2})?$/i.test(c)), 'gradient.colors must be a list of hex colours');
  check(typeof gradient?.minValue === 'number' && typeof gradient?.maxValue === 'number' && gradient.minValue < gradient.maxValue, 'gradient needs minValue < maxValue');
  for (const item of (layer.legendItems as Array<Record<string, unknown>>) ?? []) {
    check(typeof item.label === 'string' && typeof item.color === 'string' && /^#[0-9a-f]{6}$/i.test(item.color as string), 'legend items need a label and a hex colour');
  }
  return problems;
}

function sigmaRules(root: string): CoverageRule[] {
  const rules: CoverageRule[] = [];
  for (const file of readdirSync(root).filter((f) => f.startsWith('rules')).flatMap((f) => filesUnder(join(root, f), /\.ya?ml$/))) {
    for (const doc of YAML.parseAllDocuments(readFileSync(file, 'utf8'))) {
      const value = doc.toJS() as { id?: string; title?: string; tags?: unknown } | null;
      if (!value?.title) continue;
      const tags = Array.isArray(value.tags) ? value.tags.map(String) : [];
      rules.push({ id: value.id ?? file, title: value.title, language: 'sigma', source: 'sigma', techniques: techniqueIds(tags.join(' ')) });
    }
  }
  return rules;
}

describe.skipIf(!bundlePath)('coverage against ATT&CK v18.1', () => {
  // The body is collected even when skipped: read the bundle only when it is there.
  const data: AttackData = bundlePath ? readAttackBundle(readFileSync(bundlePath)) : ({} as AttackData);

  it('counts rules per tactic and technique, by language', () => {
    const coverage = coverageMatrix([rule('a', 'sigma', 'T1197'), rule('b', 'spl', 'T1197', 'T1105'), rule('c', 'sigma', 'T9999')], data);
    const persistence = coverage.tactics.find((t) => t.shortname === 'persistence')!;
    expect(persistence.rules).toBe(2);
    expect(persistence.techniques.map((t) => [t.id, t.rules, t.byLanguage])).toEqual([['T1197', 2, { sigma: 1, spl: 1 }]]);
    expect(coverage.tactics.find((t) => t.shortname === 'command-and-control')!.techniques.map((t) => t.id)).toEqual(['T1105']);
    expect(coverage.unknown).toEqual({ T9999: ['c'] });
    expect(coverage.tactics.map((t) => t.shortname).slice(0, 3)).toEqual(['reconnaissance', 'resource-development', 'initial-access']);
  });

  it('shows sub-technique credit on the parent apart from its own rules', () => {
    const coverage = coverageMatrix([rule('a', 'sigma', 'T1059.001'), rule('b', 'sigma', 'T1059', 'T1059.001'), rule('c', 'kusto', 'T1059.003')], data);
    expect(coverage.techniques.T1059).toMatchObject({ rules: 1, ruleIds: ['b'], subtechniqueRules: 2, subtechniqueRuleIds: ['a', 'c'] });
    expect(coverage.techniques['T1059.001'].rules).toBe(2);
    expect(coverage.tactics.find((t) => t.shortname === 'execution')!.rules).toBe(3);
  });

  it('credits a revoked technique to its replacement', () => {
    const coverage = coverageMatrix([rule('a', 'sigma', 'T1066')], data);
    expect(Object.keys(coverage.techniques)).toEqual(['T1027.005', 'T1027']);
    expect(coverage.techniques['T1027.005'].ruleIds).toEqual(['a']);
  });

  it('compares two coverages', () => {
    const a = coverageMatrix([rule('a', 'sigma', 'T1197', 'T1105')], data);
    const b = coverageMatrix([rule('b', 'spl', 'T1105', 'T1570')], data);
    expect(compareCoverage(a, b)).toEqual({ onlyA: ['T1197'], onlyB: ['T1570'] });
  });

  it('writes a layer with one entry per technique and tactic, naming its rules', () => {
    const coverage = coverageMatrix([rule('a', 'sigma', 'T1197'), rule('b', 'spl', 'T1197')], data);
    const layer = navigatorLayer(coverage, data, { name: 'BITS' });
    expect(layerProblems(layer)).toEqual([]);
    const entries = layer.techniques as Array<Record<string, unknown>>;
    expect(entries.map((t) => `${t.techniqueID} ${t.tactic} ${t.score}`)).toEqual(['T1197 persistence 2', 'T1197 defense-evasion 2']);
    expect(entries[0].comment).toBe('2 rules: Rule a (sigma); Rule b (spl)');
    expect(layer.versions).toEqual({ attack: '18', navigator: '5.1.0', layer: '4.5' });
  });

  describe.skipIf(!sigmaRoot)('the Sigma corpus', () => {
    it('builds a layer that validates against the layer 4.5 fields and names its ATT&CK version', () => {
      const rules = sigmaRules(sigmaRoot!);
      const started = performance.now();
      const coverage = coverageMatrix(rules, data);
      const layer = navigatorLayer(coverage, data, { name: 'Sigma' });
      const ms = performance.now() - started;
      const entries = layer.techniques as Array<Record<string, unknown>>;
      console.log(`Sigma layer: ${rules.length} rules, ${coverage.rulesWithTechniques} with techniques, ${entries.length} layer entries, ${Object.keys(coverage.unknown).length} ids unknown to v${coverage.attackVersion}, built in ${ms.toFixed(0)} ms`);
      expect(layerProblems(layer)).toEqual([]);
      expect((layer.versions as Record<string, string>).attack).toBe('18');
      expect(layer.description).toContain('ATT&CK v18.1');
      expect(layer.metadata).toContainEqual({ name: 'ATT&CK version', value: '18.1' });
      expect(entries.length).toBeGreaterThan(300);
      expect(JSON.parse(JSON.stringify(layer))).toEqual(layer);
    });
  });
});

describe('coverage against fallback data', () => {
  it('keeps techniques known only by name unplaced and says the data is not loaded', () => {
    const data = learnTechniqueNames(fallbackAttack(), { T1197: 'BITS Jobs' });
    const coverage = coverageMatrix([rule('a', 'eql', 'T1197', 'T1105')], data);
    expect(coverage.unplaced).toEqual(['T1197']);
    expect(coverage.unknown).toEqual({ T1105: ['a'] });
    const layer = navigatorLayer(coverage, data, { name: 'fallback' });
    expect(layerProblems(layer)).toEqual([]);
    expect(layer.versions).toEqual({ navigator: '5.1.0', layer: '4.5' });
    expect(layer.description).toContain('full ATT&CK data is not loaded');
  });
});

describe('coverage by declared tactics', () => {
  it('counts a rule only under the tactics it declares', () => {
    const data = fallbackAttack();
    data.techniques.T1098 = {
      id: 'T1098',
      name: 'Account Manipulation',
      tactics: ['persistence', 'privilege-escalation'],
      subtechniques: [],
      deprecated: false,
      revoked: false,
      platforms: [],
    };
    const rules = [
      { id: 'a', title: 'a', language: 'kusto', source: 's', techniques: ['T1098'], tactics: ['TA0003'] },
      { id: 'b', title: 'b', language: 'eql', source: 's', techniques: ['T1098'], tactics: [] },
    ];
    const all = coverageMatrix(rules, data);
    const byTactic = (c: Coverage) =>
      Object.fromEntries(c.tactics.filter((t) => t.rules > 0).map((t) => [t.shortname, t.rules]));
    expect(byTactic(all)).toEqual({ persistence: 2, 'privilege-escalation': 2 });
    expect(byTactic(declaredTacticsOnly(all, rules, data))).toEqual({ persistence: 1 });
  });
});

describe.skipIf(!bundlePath)('coverage numbers that add up', () => {
  it('never counts a deprecated or revoked technique as covered beyond what the tactic has', () => {
    const data = readAttackBundle(readFileSync(bundlePath!));
    const everything = Object.keys(data.techniques).map((id, i) => rule(`r${i}`, 'sigma', id));
    const coverage = coverageMatrix([...everything, rule('none', 'sigma')], data);
    expect(coverage.rules).toBe(everything.length + 1);
    expect(coverage.rulesWithTechniques).toBe(everything.length);
    for (const tactic of coverage.tactics) {
      expect(tactic.available).toBeGreaterThan(0);
      expect(tactic.covered).toBe(tactic.available);
    }
    const lateral = coverage.tactics.find((t) => t.shortname === 'lateral-movement')!;
    expect(lateral.techniques.some((t) => t.deprecated)).toBe(true);
    expect(lateral.techniques.length).toBeGreaterThan(lateral.covered);
  });
});
