/**
 * A hunt per language: rules evaluated and not (with the reasons, grouped), rules that fired, events with a
 * hit; and the events that rules of several languages fired on.
 */
import type { EventOrigin } from '../model/event.js';
import type { ParsedRule } from '../model/rule.js';
import type { HuntResult } from './hunt.js';

export interface LanguageSummary {
  language: string;
  rules: number;
  evaluable: number;
  notEvaluable: number;
  /** Rules that fired at least once. */
  fired: number;
  /** Distinct events at least one of the language's rules fired on. */
  events: number;
}

export interface ReasonCount {
  language: string;
  /** The reason with its particulars (quoted values, names, positions) left out, so like reasons group. */
  reason: string;
  rules: number;
}

export interface CrossLanguageEvent {
  event: EventOrigin;
  languages: string[];
  rules: number;
}

export interface HuntSummary {
  languages: LanguageSummary[];
  notEvaluable: ReasonCount[];
  /** Events rules of two or more languages fired on, most languages first. */
  crossLanguage: CrossLanguageEvent[];
}

/** `function timestamp.get_hour is not evaluable` and `… (3:14)` group with their kind. */
export function reasonKind(reason: string): string {
  const parse = /^the query does not parse\b/.exec(reason);
  if (parse) return parse[0];
  return reason
    .replace(/"[^"]*"|`[^`]*`|\/[^/\s]+\/[a-z]*/g, '…')
    .replace(/%[\w.-]+/g, '%list')
    .replace(/\(\d+:\d+\)/g, '')
    .replace(/\b\d+\b/g, 'N')
    .trim();
}

const eventKey = (e: EventOrigin): string => `${e.file}\u0000${e.index}`;

export function huntSummary(result: HuntResult, rules: readonly ParsedRule[], crossLimit = 20): HuntSummary {
  const languageOf = new Map(rules.map((r) => [r.rule.id, r.rule.language ?? 'none']));
  const byLanguage = new Map<string, LanguageSummary>();
  const summary = (language: string): LanguageSummary => {
    let s = byLanguage.get(language);
    if (!s) {
      s = { language, rules: 0, evaluable: 0, notEvaluable: 0, fired: 0, events: 0 };
      byLanguage.set(language, s);
    }
    return s;
  };
  for (const r of rules) summary(r.rule.language ?? 'none').rules++;
  const reasons = new Map<string, ReasonCount>();
  for (const n of result.notEvaluable) {
    const language = languageOf.get(n.ruleId) ?? 'none';
    summary(language).notEvaluable++;
    const reason = reasonKind(n.reason);
    const key = `${language}\u0000${reason}`;
    const count = reasons.get(key) ?? { language, reason, rules: 0 };
    count.rules++;
    reasons.set(key, count);
  }
  const eventsOf = new Map<string, Set<string>>();
  const perEvent = new Map<string, { event: EventOrigin; languages: Set<string>; rules: number }>();
  for (const hit of result.hits) {
    summary(hit.language).fired++;
    const seen = eventsOf.get(hit.language) ?? new Set<string>();
    eventsOf.set(hit.language, seen);
    for (const key of new Set(hit.events.map(eventKey))) seen.add(key);
    const once = new Map(hit.events.map((e) => [eventKey(e), e]));
    for (const [key, e] of once) {
      const entry = perEvent.get(key) ?? { event: e, languages: new Set<string>(), rules: 0 };
      entry.languages.add(hit.language);
      entry.rules++;
      perEvent.set(key, entry);
    }
  }
  for (const s of byLanguage.values()) {
    s.evaluable = s.rules - s.notEvaluable;
    s.events = eventsOf.get(s.language)?.size ?? 0;
  }
  const crossLanguage = [...perEvent.values()]
    .filter((e) => e.languages.size >= 2)
    .sort((a, b) => b.languages.size - a.languages.size || b.rules - a.rules)
    .slice(0, crossLimit)
    .map((e) => ({ event: e.event, languages: [...e.languages].sort(), rules: e.rules }));
  return {
    languages: [...byLanguage.values()].sort((a, b) => a.language.localeCompare(b.language)),
    notEvaluable: [...reasons.values()].sort(
      (a, b) => b.rules - a.rules || a.language.localeCompare(b.language),
    ),
    crossLanguage,
  };
}
