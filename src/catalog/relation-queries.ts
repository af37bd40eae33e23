/** Reads stored rule relations: a rule's similar rules, one source against another, duplicates. */
import type { Db } from './schema.js';
import type { RuleSummary } from './views.js';
import { SUMMARY_COLUMNS, toSummary } from './search.js';
import { unpackJson } from './packed-json.js';
import type { ParsedRule, RuleDocument } from '../model/rule.js';
import type { ParsedQuery } from '../model/stage.js';
import {
  byCloseness,
  differenceWords,
  type ContainmentClaim,
  type RelationKind,
} from '../analysis/overlap/index.js';

/** A related rule as `similar`, the rule page and `/api/rule` list it: the relation is the listed rule's to the subject. */
export interface SimilarRule {
  key: string;
  ruleId: string;
  title: string;
  language: string | null;
  source: string;
  path: string;
  relation: RelationKind;
  score: number;
  shared: string[];
  onlySubject: string[];
  onlyOther: string[];
  /** The listed rule's differences in words: `also requires …`, `excludes …`. */
  differences: string[];
  why?: string;
}

export interface SimilarFilter {
  language?: string;
  top?: number;
}

interface RelationRowDb {
  subject: string;
  other: string;
  relation: RelationKind;
  score: number;
  shared: string;
  only_subject: string;
  only_other: string;
  why: string | null;
}

const RULE_FROM = 'FROM rules r JOIN sources s ON s.id = r.source_id JOIN files f ON f.id = r.file_id';

/** A catalog written before relations were kept, opened read-only, has no relations table. */
function hasRelations(db: Db): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rule_relations'").get() !==
    undefined
  );
}

function summaries(db: Db, keys: string[]): Map<string, RuleSummary> {
  const get = db.prepare(`SELECT ${SUMMARY_COLUMNS} ${RULE_FROM} WHERE r.key = ?`);
  const out = new Map<string, RuleSummary>();
  for (const key of new Set(keys)) {
    const row = get.get(key) as Record<string, unknown> | undefined;
    if (row) out.set(key, toSummary(row));
  }
  return out;
}

export function toSimilar(row: RelationRowDb, rule: RuleSummary): SimilarRule {
  const onlySubject = JSON.parse(row.only_subject) as string[];
  const onlyOther = JSON.parse(row.only_other) as string[];
  return {
    key: rule.key,
    ruleId: rule.id,
    title: rule.title,
    language: rule.language,
    source: rule.source,
    path: rule.path,
    relation: row.relation,
    score: row.score,
    shared: JSON.parse(row.shared) as string[],
    onlySubject,
    onlyOther,
    differences: differenceWords({ onlySubject, onlyOther }),
    ...(row.why ? { why: row.why } : {}),
  };
}

/** The rules related to the rule with catalog key `key`, containment first, then by score. */
export function similarRules(db: Db, key: string, filter: SimilarFilter = {}): SimilarRule[] {
  if (!hasRelations(db)) return [];
  const rows = db.prepare('SELECT * FROM rule_relations WHERE subject = ?').all(key) as RelationRowDb[];
  const rules = summaries(
    db,
    rows.map((r) => r.other),
  );
  return rows
    .flatMap((row) => {
      const rule = rules.get(row.other);
      if (!rule || (filter.language && rule.language !== filter.language)) return [];
      return [toSimilar(row, rule)];
    })
    .sort((a, b) => byCloseness(a, b) || a.key.localeCompare(b.key))
    .slice(0, filter.top ?? 10);
}

/** Equivalent pairs, each once, within a source (or the whole catalog). */
export function duplicateRules(db: Db, source?: string): Array<{ a: RuleSummary; b: RuleSummary }> {
  if (!hasRelations(db)) return [];
  const rows = db
    .prepare(
      `SELECT x.subject, x.other FROM rule_relations x
       JOIN rules ra ON ra.key = x.subject JOIN sources sa ON sa.id = ra.source_id
       JOIN rules rb ON rb.key = x.other JOIN sources sb ON sb.id = rb.source_id
       WHERE x.relation = 'equivalent' AND x.subject < x.other
         AND (? IS NULL OR (sa.name = ? AND sb.name = ?))
       ORDER BY x.subject, x.other`,
    )
    .all(source ?? null, source ?? null, source ?? null) as Array<{ subject: string; other: string }>;
  const rules = summaries(
    db,
    rows.flatMap((r) => [r.subject, r.other]),
  );
  return rows.flatMap((r) => {
    const a = rules.get(r.subject);
    const b = rules.get(r.other);
    return a && b ? [{ a, b }] : [];
  });
}

/** The keys of a source's rules that take part in relations (parsed, with a query). */
export function sourceRuleKeys(db: Db, source: string): string[] {
  return (
    db
      .prepare(
        `SELECT r.key FROM rules r JOIN sources s ON s.id = r.source_id
         WHERE s.name = ? AND r.parsed = 1 AND r.query IS NOT NULL ORDER BY r.key`,
      )
      .all(source) as Array<{ key: string }>
  ).map((r) => r.key);
}

/** Relations of rules of source `a` with rules of source `b`, keyed by the `a` rule. */
export function crossSourceRelations(db: Db, a: string, b: string): Map<string, SimilarRule[]> {
  if (!hasRelations(db)) return new Map();
  const rows = db
    .prepare(
      `SELECT x.* FROM rule_relations x
       JOIN rules ra ON ra.key = x.subject JOIN sources sa ON sa.id = ra.source_id
       JOIN rules rb ON rb.key = x.other JOIN sources sb ON sb.id = rb.source_id
       WHERE sa.name = ? AND sb.name = ?`,
    )
    .all(a, b) as RelationRowDb[];
  const rules = summaries(
    db,
    rows.map((r) => r.other),
  );
  const out = new Map<string, SimilarRule[]>();
  for (const row of rows) {
    const rule = rules.get(row.other);
    if (!rule) continue;
    const list = out.get(row.subject) ?? [];
    list.push(toSimilar(row, rule));
    out.set(row.subject, list);
  }
  return out;
}

export function ruleSummaries(db: Db, keys: string[]): Map<string, RuleSummary> {
  return summaries(db, keys);
}

/** Declared techniques of the rules with these keys. */
export function techniquesOfRules(db: Db, keys: string[]): Map<string, string[]> {
  const get = db.prepare(
    'SELECT t.technique FROM rule_techniques t JOIN rules r ON r.id = t.rule WHERE r.key = ? ORDER BY 1',
  );
  return new Map(keys.map((k) => [k, (get.all(k) as Array<{ technique: string }>).map((r) => r.technique)]));
}

/** Stored containment claims: each `narrower` once (as narrower ⊆ broader) and each `equivalent` pair once. */
export function containmentClaims(db: Db): ContainmentClaim[] {
  if (!hasRelations(db)) return [];
  const rows = db
    .prepare(
      `SELECT subject, other, relation FROM rule_relations
       WHERE relation = 'narrower' OR (relation = 'equivalent' AND subject < other) ORDER BY subject, other`,
    )
    .all() as Array<{ subject: string; other: string; relation: 'narrower' | 'equivalent' }>;
  // A stored `narrower` is the other rule's relation to the subject: the other is the narrower one.
  return rows.map((r) => ({ narrower: r.other, broader: r.subject, relation: r.relation }));
}

/** Rules with their stored parse, by catalog key. */
export function parsedRulesByKey(db: Db, keys: string[]): Map<string, ParsedRule> {
  const get = db.prepare('SELECT document, query FROM rules WHERE key = ?');
  const out = new Map<string, ParsedRule>();
  for (const key of new Set(keys)) {
    const row = get.get(key) as { document: Uint8Array; query: Uint8Array | null } | undefined;
    if (row)
      out.set(key, {
        rule: unpackJson<RuleDocument>(row.document),
        query: row.query ? unpackJson<ParsedQuery>(row.query) : null,
      });
  }
  return out;
}

/** One stored relation as a line (subject, other, relation, why, evidence; the score last), in key order. */
export function storedRelationLines(db: Db): string[] {
  if (!hasRelations(db)) return [];
  const rows = db.prepare('SELECT * FROM rule_relations ORDER BY subject, other').all() as RelationRowDb[];
  return rows.map((r) =>
    [r.subject, r.other, r.relation, r.why ?? '', r.shared, r.only_subject, r.only_other, r.score].join('\t'),
  );
}
