/** The catalog's rules compiled once, run on one event at a time: what the "try an event" page asks of the engine. */
import type { KeyedRule } from '../catalog/hunt-rules.js';
import { Hunt, type HuntHit } from '../engine/index.js';
import type { NormalizedEvent } from '../model/event.js';

/** Per language: rules loaded, and those the engine reports as not evaluable. */
export interface LanguageRules {
  rules: number;
  notEvaluable: number;
}

/** A hit with the catalog key that links its rule page. */
export interface TrialHit extends HuntHit {
  key: string;
}

const refKey = (ruleId: string, source: string, path: string): string =>
  `${source}\u0000${path}\u0000${ruleId}`;

/**
 * Compiling a large catalog takes seconds, so one compile serves every trial until the catalog changes. Trials
 * run one at a time (the engine is synchronous), and each starts from a reset hunt: no event of one request can
 * count towards another's aggregate.
 */
export class EventTrial {
  private readonly hunt: Hunt;
  private readonly keys = new Map<string, string>();
  readonly byLanguage: Record<string, LanguageRules> = {};

  constructor(rules: readonly KeyedRule[]) {
    this.hunt = new Hunt(rules, { explain: true, explainLimit: 1 });
    const languageOf = new Map<string, string>();
    for (const { key, rule } of rules) {
      const language = rule.language ?? 'none';
      this.keys.set(refKey(rule.id, rule.source.name, rule.source.path), key);
      if (!languageOf.has(rule.id)) languageOf.set(rule.id, language);
      (this.byLanguage[language] ??= { rules: 0, notEvaluable: 0 }).rules++;
    }
    for (const { ruleId } of this.hunt.notEvaluable) {
      const counts = this.byLanguage[languageOf.get(ruleId) ?? 'none'];
      if (counts) counts.notEvaluable++;
    }
  }

  get rules(): number {
    return this.hunt.ruleCount;
  }

  /** The rules that fire on the event, each with why (the predicates that held) when the engine can say. */
  run(event: NormalizedEvent): TrialHit[] {
    this.hunt.reset();
    this.hunt.push(event);
    const { hits } = this.hunt.finish();
    this.hunt.reset();
    return hits.map((hit) => ({
      ...hit,
      key: this.keys.get(refKey(hit.ruleId, hit.source, hit.path)) ?? `${hit.source}:${hit.path}`,
    }));
  }
}
