/** The catalog's SQLite schema: sources, files, rules and what was parsed out of them, with full-text search. */
import Database from 'better-sqlite3';
import { IngestClock } from './ingest-clock.js';
import { registerJsonText } from './packed-json.js';
import { ensureTallies } from './tallies.js';

/**
 * 3: a rule's `document` and `query` are deflated JSON (packed-json.ts; plain JSON text still reads), and
 * the full-text index names the rules' `query_text` column, so an integrity check and a rebuild read it.
 */
export const SCHEMA_VERSION = 3;

const TABLES = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  root TEXT NOT NULL,
  remote TEXT,
  prefix TEXT NOT NULL DEFAULT '',
  head TEXT,
  ingested_at TEXT,
  files INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS files (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  hash TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  mtime REAL NOT NULL,
  format TEXT,
  rules INTEGER NOT NULL DEFAULT 0,
  artifacts TEXT NOT NULL DEFAULT '[]',
  diagnostics TEXT NOT NULL DEFAULT '[]',
  UNIQUE (source_id, path)
);
CREATE TABLE IF NOT EXISTS rules (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  key TEXT NOT NULL UNIQUE,
  rule_id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  status TEXT,
  severity TEXT,
  language TEXT,
  format TEXT NOT NULL,
  parsed INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  query_text TEXT,
  tags TEXT NOT NULL,
  document TEXT NOT NULL,
  query TEXT,
  events TEXT NOT NULL,
  diagnostics TEXT NOT NULL,
  updated TEXT
);
CREATE INDEX IF NOT EXISTS rules_file ON rules(file_id);
CREATE TABLE IF NOT EXISTS source_tallies (
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  format TEXT NOT NULL,
  rules INTEGER NOT NULL,
  parsed INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  PRIMARY KEY (source_id, language, format)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS technique_sets (
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  techniques TEXT NOT NULL,
  rules INTEGER NOT NULL,
  PRIMARY KEY (source_id, language, techniques)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rule_techniques (
  rule INTEGER NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
  technique TEXT NOT NULL,
  PRIMARY KEY (rule, technique)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rule_events (
  rule INTEGER NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
  provider TEXT NOT NULL,
  event TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS indicators (
  rule INTEGER NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  kind TEXT NOT NULL,
  field TEXT,
  canonical TEXT NOT NULL,
  op TEXT NOT NULL,
  value TEXT NOT NULL,
  equivalence TEXT NOT NULL,
  stage INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS indicator_counts (
  kind TEXT NOT NULL,
  canonical TEXT NOT NULL,
  op TEXT NOT NULL,
  value TEXT NOT NULL,
  count INTEGER NOT NULL,
  by_language TEXT NOT NULL,
  equivalence TEXT NOT NULL,
  PRIMARY KEY (kind, canonical, op, value)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS equivalence_counts (
  equivalence TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  by_language TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rule_forms (
  key TEXT PRIMARY KEY,
  rule_row INTEGER NOT NULL,
  form TEXT NOT NULL,
  words TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rule_relations (
  subject TEXT NOT NULL,
  other TEXT NOT NULL,
  relation TEXT NOT NULL,
  score REAL NOT NULL,
  shared TEXT NOT NULL,
  only_subject TEXT NOT NULL,
  only_other TEXT NOT NULL,
  why TEXT,
  PRIMARY KEY (subject, other)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS attack (id INTEGER PRIMARY KEY CHECK (id = 1), version TEXT NOT NULL, data TEXT NOT NULL);
`;

/**
 * The full-text index over the rules table (external content): its columns carry the names of the rules'
 * columns, which is how FTS5 reads them back for an integrity check, a rebuild or a highlight.
 */
const FTS_DDL = `
CREATE VIRTUAL TABLE IF NOT EXISTS rules_fts USING fts5(
  title, description, query_text, tags, content='rules', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
`;

/** Indexes the write path does not need: a cold ingest builds them once, after its bulk insert. */
const INDEXES = `
CREATE INDEX IF NOT EXISTS rules_rule_id ON rules(rule_id);
CREATE INDEX IF NOT EXISTS rules_language ON rules(language);
CREATE INDEX IF NOT EXISTS rules_title ON rules(title COLLATE NOCASE, key);
CREATE INDEX IF NOT EXISTS rule_techniques_technique ON rule_techniques(technique);
CREATE INDEX IF NOT EXISTS rule_events_rule ON rule_events(rule);
CREATE INDEX IF NOT EXISTS rule_events_provider ON rule_events(provider);
CREATE INDEX IF NOT EXISTS indicators_rule ON indicators(rule);
CREATE INDEX IF NOT EXISTS indicators_key ON indicators(value, canonical, op);
CREATE INDEX IF NOT EXISTS indicators_equivalence ON indicators(equivalence);
CREATE INDEX IF NOT EXISTS indicator_counts_count ON indicator_counts(count DESC);
-- The home page's most shared indicators of a kind: read in index order, no sort of every indicator.
CREATE INDEX IF NOT EXISTS indicator_counts_top ON indicator_counts(kind, count DESC, canonical, value);
-- Facets and tallies count from this index alone, never reading a rule's row (rows hold the whole rule).
CREATE INDEX IF NOT EXISTS rules_facets ON rules(source_id, language, format, severity, status, parsed, errors);
CREATE INDEX IF NOT EXISTS rule_relations_other ON rule_relations(other);
CREATE TRIGGER IF NOT EXISTS rules_fts_insert AFTER INSERT ON rules BEGIN
  INSERT INTO rules_fts(rowid, title, description, query_text, tags) VALUES (new.id, new.title, new.description, new.query_text, new.tags);
END;
CREATE TRIGGER IF NOT EXISTS rules_fts_delete AFTER DELETE ON rules BEGIN
  INSERT INTO rules_fts(rules_fts, rowid, title, description, query_text, tags) VALUES ('delete', old.id, old.title, old.description, old.query_text, old.tags);
END;
`;

export type Db = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /**
   * A new file filled by one cold ingest: no journal to sync, and no secondary index or full-text trigger until
   * `finishBulkLoad`. Crash safety is the caller's, by building at a temporary path and renaming it into place.
   */
  bulk?: boolean;
}

/** Opens (creating if needed) a catalog; WAL lets readers see only committed ingests. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  // Before the schema: filling an added column may read a packed document through `json_text`.
  registerJsonText(db);
  if (!options.readonly) {
    // MEMORY, not OFF: ROLLBACK still works if the build fails part way.
    db.pragma(options.bulk ? 'journal_mode = MEMORY' : 'journal_mode = WAL');
    db.pragma(options.bulk ? 'synchronous = OFF' : 'synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.exec(TABLES);
    addMissingColumns(db);
    // Before the triggers (in INDEXES): replacing an older full-text index drops the triggers that fed it.
    ensureFullTextIndex(db);
    if (!options.bulk) db.exec(INDEXES);
    ensureTallies(db);
    db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run('schema', String(SCHEMA_VERSION));
  }
  db.pragma('cache_size = -65536');
  return db;
}

/**
 * Ends a bulk load: builds the secondary indexes and the full-text index over every rule at once, and puts the
 * file in WAL mode, as every catalog is.
 */
export function finishBulkLoad(db: Db, clock = new IngestClock()): void {
  clock.time('fts', () =>
    db.exec(
      'INSERT INTO rules_fts(rowid, title, description, query_text, tags) SELECT id, title, description, query_text, tags FROM rules',
    ),
  );
  clock.time('indexes', () => db.exec(INDEXES));
  db.pragma('journal_mode = WAL');
}

/**
 * Columns later versions added to tables an older catalog already has (CREATE TABLE IF NOT EXISTS keeps them
 * as they were); `fill` gives the rows already there their value, as ingest would have.
 */
const ADDED_COLUMNS: ReadonlyArray<{ table: string; column: string; definition: string; fill?: string }> = [
  { table: 'sources', column: 'prefix', definition: "TEXT NOT NULL DEFAULT ''" },
  { table: 'sources', column: 'head', definition: 'TEXT' },
  {
    table: 'rules',
    column: 'updated',
    definition: 'TEXT',
    // As ruleDate in rule-row.ts: the modified date, else the creation date, with dashes.
    fill: `UPDATE rules SET updated = replace(COALESCE(json_extract(json_text(document), '$.modified'),
      json_extract(json_text(document), '$.date')), '/', '-')`,
  },
];

function addMissingColumns(db: Db): void {
  for (const { table, column, definition, fill } of ADDED_COLUMNS) {
    const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>;
    if (columns.some((c) => c.name === column)) continue;
    db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    if (fill) db.exec(fill);
  }
}

/**
 * Creates the full-text index, or replaces one an older catalog made with a column no rules column has
 * (schema 2 and before named `query`, so FTS5 read the parsed-query JSON back), and reindexes the rules.
 */
function ensureFullTextIndex(db: Db): void {
  const existing = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'rules_fts'")
    .get() as { sql: string } | undefined;
  if (existing && /\bquery_text\b/.test(existing.sql)) return;
  db.transaction(() => {
    if (existing)
      db.exec(`DROP TRIGGER IF EXISTS rules_fts_insert;
        DROP TRIGGER IF EXISTS rules_fts_delete;
        DROP TABLE rules_fts;`);
    db.exec(FTS_DDL);
    if (existing) db.exec("INSERT INTO rules_fts(rules_fts) VALUES ('rebuild')");
  })();
}
