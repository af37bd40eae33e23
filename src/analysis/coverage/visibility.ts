/**
 * Visibility: with only some log events collected (`have`) or some dropped (`without`), which rules can
 * still fire, which go blind, and which ATT&CK techniques lose every rule, overall and per language.
 */
import type { AttackData } from '../../knowledge/attack/index.js';
import {
  collectedWith,
  collectedWithout,
  eventRefKey,
  type EventRef,
  type EventSet,
} from '../../knowledge/events/index.js';
import { coverageMatrix, type Coverage, type CoverageRule } from './matrix.js';

export interface VisibilityRule extends CoverageRule {
  events: EventRef[];
}

export type EventFilter = { have: EventSet } | { without: EventSet };

export interface LanguageVisibility {
  rules: number;
  fire: number;
  blind: number;
  /** Rules whose events the event catalog does not place: neither counted as firing nor blind. */
  unplaced: number;
  /** Techniques the language's rules covered that none of them still covers. */
  techniquesLost: string[];
}

export interface BlindRule {
  id: string;
  title: string;
  language: string;
  source: string;
  events: string[];
  techniques: string[];
}

export interface Visibility {
  filter: { have?: string[]; without?: string[] };
  rules: number;
  fire: number;
  blind: number;
  unplaced: number;
  byLanguage: Record<string, LanguageVisibility>;
  blindRules: BlindRule[];
  /** Techniques covered before and by no rule after, with the rules that covered them. */
  techniquesLost: Array<{ id: string; name: string; rules: number; byLanguage: Record<string, number> }>;
  /** The coverage of the rules that go blind: the difference, for a Navigator layer. */
  difference: Coverage;
}

type Verdict = 'fire' | 'blind' | 'unplaced';

function verdict(rule: VisibilityRule, filter: EventFilter): Verdict {
  const keys = rule.events.map(eventRefKey).filter((k): k is string => k !== undefined);
  if (keys.length === 0) return 'unplaced';
  const collected = 'have' in filter ? (k: string) => collectedWith(k, filter.have) : (k: string) => collectedWithout(k, filter.without);
  return keys.some(collected) ? 'fire' : 'blind';
}

export function visibility(rules: VisibilityRule[], filter: EventFilter, data: AttackData): Visibility {
  const byLanguage: Record<string, LanguageVisibility> = {};
  const firing: VisibilityRule[] = [];
  const blind: VisibilityRule[] = [];
  let unplaced = 0;
  for (const rule of rules) {
    const v = verdict(rule, filter);
    const lang = (byLanguage[rule.language] ??= { rules: 0, fire: 0, blind: 0, unplaced: 0, techniquesLost: [] });
    lang.rules++;
    lang[v]++;
    if (v === 'blind') blind.push(rule);
    else firing.push(rule);
    if (v === 'unplaced') unplaced++;
  }
  const before = coverageMatrix(rules, data);
  const after = coverageMatrix(firing, data);
  for (const [language, lang] of Object.entries(byLanguage))
    lang.techniquesLost = lost(before, after, language).map((t) => t.id);
  return {
    filter: 'have' in filter ? { have: [...filter.have].sort() } : { without: [...filter.without].sort() },
    rules: rules.length,
    fire: firing.length - unplaced,
    blind: blind.length,
    unplaced,
    byLanguage,
    blindRules: blind.map((r) => ({
      id: r.id,
      title: r.title,
      language: r.language,
      source: r.source,
      events: r.events.map((e) => `${e.provider} ${e.event}`),
      techniques: r.techniques,
    })),
    techniquesLost: lost(before, after).map(({ id, name, rules: n, byLanguage: by }) => ({ id, name, rules: n, byLanguage: by })),
    difference: coverageMatrix(blind, data),
  };
}

/** Techniques with rules (of one language, or any) before and none after. */
function lost(before: Coverage, after: Coverage, language?: string): Coverage['techniques'][string][] {
  const count = (c: Coverage, id: string): number => {
    const t = c.techniques[id];
    return !t ? 0 : language ? (t.byLanguage[language] ?? 0) : t.rules;
  };
  return Object.values(before.techniques)
    .filter((t) => count(before, t.id) > 0 && count(after, t.id) === 0)
    .sort((a, b) => a.id.localeCompare(b.id));
}
