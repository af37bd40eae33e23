/**
 * Rule relations at ingest: each parsed rule's normal form is kept by catalog key, and relations are recomputed
 * only for rules whose form changed (and so for their neighbours), then stored both ways for pages to read.
 */
import type { Db } from './schema.js';
import { packText, unpackJson, unpackedText } from './packed-json.js';
import type { ParsedQuery } from '../model/stage.js';
import type { RuleDocument } from '../model/rule.js';
import {
  WordIndex,
  formWords,
  relateNeighbours,
  ruleForm,
  type Neighbourhood,
  type RelationUpdate,
  type RuleForm,
} from '../analysis/overlap/index.js';

export interface RelationsRefresh {
  rules: number;
  /** Rules whose normal form was new, changed or removed. */
  changed: number;
  /** Candidate pairs (rules that met by blocking) related. */
  pairs: number;
  /** Relation rows written (two per related pair). */
  written: number;
  elapsedMs: number;
  /** Where the time went: building normal forms, relating pairs, writing rows. */
  formsMs: number;
  relateMs: number;
  storeMs: number;
}

interface StoredForm {
  rule_row: number;
  /** Packed (packed-json.ts), or plain JSON text in older catalogs. */
  form: string | Uint8Array;
  words: string;
  /** The form itself, when this refresh built it. */
  built?: RuleForm;
}

/** The forms of the catalog, parsed from their JSON when first asked for (or kept as just built). */
class StoredForms {
  private readonly parsed = new Map<string, RuleForm>();
  constructor(private readonly stored: Map<string, StoredForm>) {}

  get(key: string): RuleForm | undefined {
    let form = this.parsed.get(key);
    if (!form) {
      const s = this.stored.get(key);
      if (s === undefined) return undefined;
      form = s.built ?? unpackJson<RuleForm>(s.form);
      this.parsed.set(key, form);
    }
    return form;
  }
}

/** Rules whose row changed since their form was stored get a new form; those whose form differs are `changed`. */
function updateForms(db: Db, stored: Map<string, StoredForm>): { changed: Set<string>; rules: number } {
  const current = db
    .prepare('SELECT id, key FROM rules WHERE parsed = 1 AND query IS NOT NULL')
    .all() as Array<{ id: number; key: string }>;
  const changed = new Set<string>();
  const load = db.prepare('SELECT document, query FROM rules WHERE id = ?');
  const upsert = db.prepare(
    'INSERT OR REPLACE INTO rule_forms (key, rule_row, form, words) VALUES (?, ?, ?, ?)',
  );
  const seen = new Set<string>();
  for (const { id, key } of current) {
    seen.add(key);
    const old = stored.get(key);
    if (old?.rule_row === id) continue;
    const row = load.get(id) as { document: Uint8Array; query: Uint8Array };
    const form = ruleForm({
      rule: unpackJson<RuleDocument>(row.document),
      query: unpackJson<ParsedQuery>(row.query),
    });
    const json = JSON.stringify(form);
    const packed = packText(json);
    const words = JSON.stringify(formWords(form));
    upsert.run(key, id, packed, words);
    if (!old || unpackedText(old.form) !== json) changed.add(key);
    stored.set(key, { rule_row: id, form: packed, words, built: form });
  }
  const drop = db.prepare('DELETE FROM rule_forms WHERE key = ?');
  for (const key of [...stored.keys()])
    if (!seen.has(key)) {
      drop.run(key);
      stored.delete(key);
      changed.add(key);
    }
  return { changed, rules: current.length };
}

function storeRelations(db: Db, changed: Set<string>, update: RelationUpdate, everything: boolean): void {
  if (everything) db.exec('DELETE FROM rule_relations');
  else {
    const forget = db.prepare('DELETE FROM rule_relations WHERE subject = ? OR other = ?');
    for (const key of changed) forget.run(key, key);
    const part = db.prepare('DELETE FROM rule_relations WHERE subject = ? AND other = ?');
    for (const [a, b] of update.parted) {
      part.run(a, b);
      part.run(b, a);
    }
  }
  const insert = db.prepare(
    `INSERT OR REPLACE INTO rule_relations (subject, other, relation, score, shared, only_subject, only_other, why)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // In key order, rows go into the table's b-tree at its end rather than all over it.
  const rows = [...update.rows].sort(
    (x, y) => compareKeys(x.subject, y.subject) || compareKeys(x.other, y.other),
  );
  for (const r of rows)
    insert.run(
      r.subject,
      r.other,
      r.relation,
      r.score,
      JSON.stringify(r.shared),
      JSON.stringify(r.onlySubject),
      JSON.stringify(r.onlyOther),
      r.why ?? null,
    );
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The catalog's forms and the word index over them, for relating rules. */
export function neighbourhood(db: Db): Neighbourhood {
  return neighbourhoodOf(storedForms(db));
}

function storedForms(db: Db): Map<string, StoredForm> {
  const rows = db.prepare('SELECT key, rule_row, form, words FROM rule_forms').all() as Array<
    StoredForm & { key: string }
  >;
  return new Map(rows.map(({ key, ...rest }) => [key, rest]));
}

function neighbourhoodOf(stored: Map<string, StoredForm>): Neighbourhood {
  return { forms: new StoredForms(stored), index: wordIndex(stored) };
}

function wordIndex(stored: Map<string, StoredForm>): WordIndex {
  const index = new WordIndex();
  for (const [key, s] of stored) index.add(key, JSON.parse(s.words) as string[]);
  return index;
}

/** Every form was made from the rule row now stored under its key, and every such rule has one. */
function upToDate(db: Db): boolean {
  const { stale } = db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM rules r LEFT JOIN rule_forms f ON f.key = r.key
               WHERE r.parsed = 1 AND r.query IS NOT NULL AND (f.rule_row IS NULL OR f.rule_row <> r.id))
            + (SELECT COUNT(*) FROM rule_forms f LEFT JOIN rules r ON r.key = f.key AND r.parsed = 1 AND r.query IS NOT NULL
               WHERE r.id IS NULL) AS stale`,
    )
    .get() as { stale: number };
  return stale === 0;
}

/** Brings forms and relations up to date with the rules; the last step of an ingest. */
export function refreshRelations(db: Db): RelationsRefresh {
  const started = performance.now();
  const result = { rules: 0, changed: 0, pairs: 0, written: 0, formsMs: 0, relateMs: 0, storeMs: 0 };
  db.transaction(() => {
    if (upToDate(db)) {
      result.rules = (db.prepare('SELECT COUNT(*) AS n FROM rule_forms').get() as { n: number }).n;
      return;
    }
    const stored = storedForms(db);
    // The index before the change tells which pairs of unchanged rules stop meeting as word counts move.
    const before = stored.size ? wordIndex(stored) : undefined;
    let lap = performance.now();
    const { changed, rules } = updateForms(db, stored);
    result.rules = rules;
    result.changed = changed.size;
    result.formsMs = Math.round(performance.now() - lap);
    if (changed.size === 0) return;
    lap = performance.now();
    const everything = before === undefined || [...stored.keys()].every((key) => changed.has(key));
    const update = relateNeighbours(neighbourhoodOf(stored), changed, everything ? undefined : before);
    result.pairs = update.pairs;
    result.relateMs = Math.round(performance.now() - lap);
    lap = performance.now();
    storeRelations(db, changed, update, everything);
    result.written = update.rows.length;
    result.storeMs = Math.round(performance.now() - lap);
  })();
  return { ...result, elapsedMs: Math.round(performance.now() - started) };
}

/** Forgets every form so the next refresh computes all relations again (the benchmark times this). */
export function forgetRelations(db: Db): void {
  db.exec('DELETE FROM rule_forms; DELETE FROM rule_relations;');
}
