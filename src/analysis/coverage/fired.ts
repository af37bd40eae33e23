/** A Navigator layer of a hunt: the techniques whose rules fired, next to those the hunted rules cover. */
import { plural } from '../../text/plural.js';
import type { AttackData } from '../../knowledge/attack/index.js';
import type { Coverage } from './matrix.js';
import { navigatorLayer, type LayerTechnique } from './navigator.js';

const COVERED = '#9ecae1';
const FIRED = '#e6550d';

export interface FiredLayerOptions {
  name: string;
  events: number;
}

/** Score 2 (orange) where a rule fired, 1 (blue) where rules cover the technique but none fired, by technique. */
export function firedLayer(covered: Coverage, fired: Coverage, data: AttackData, options: FiredLayerOptions): Record<string, unknown> {
  const firedIds = Object.values(fired.techniques).filter((t) => t.rules > 0);
  const description = `Techniques whose rules fired on ${options.events} events (score 2) next to those the ${covered.rules} hunted rules cover (score 1).`;
  const layer = navigatorLayer(covered, data, { name: options.name, description });
  const techniques = layer.techniques as LayerTechnique[];
  for (const t of techniques) {
    const hit = fired.techniques[t.techniqueID];
    if (!hit || hit.rules === 0) {
      t.score = 1;
      t.color = COVERED;
      continue;
    }
    t.score = 2;
    t.color = FIRED;
    const names = hit.ruleIds.slice(0, 25).map((id) => `${fired.ruleIndex[id]?.title ?? id} (${fired.ruleIndex[id]?.language ?? '?'})`);
    t.comment = `fired: ${plural(hit.rules, 'rule')}: ${names.join('; ')}${hit.rules > 25 ? '; …' : ''}. covered: ${t.comment}`;
    t.metadata = [
      ...Object.entries(hit.byLanguage).map(([language, n]) => ({ name: `fired ${language}`, value: String(n) })),
      ...t.metadata,
    ];
  }
  return {
    ...layer,
    gradient: { colors: ['#ffffff', COVERED, FIRED], minValue: 0, maxValue: 2 },
    legendItems: [
      { label: 'covered, did not fire', color: COVERED },
      { label: 'fired', color: FIRED },
    ],
    metadata: [
      ...(layer.metadata as Array<{ name: string; value: string }>),
      { name: 'events', value: String(options.events) },
      { name: 'rules that fired', value: String(fired.rules) },
      { name: 'techniques that fired', value: String(firedIds.length) },
    ],
  };
}
