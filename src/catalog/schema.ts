/** The catalog's SQLite schema: sources, files, rules and what was parsed out of them, with full-text search. */
import Database from 'better-sqlite3';

export const SCHEMA_VERSION = 2;

const DDL = `
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
CREATE INDEX IF NOT EXISTS rules_rule_id ON rules(rule_id);
CREATE INDEX IF NOT EXISTS rules_file ON rules(file_id);
CREATE INDEX IF NOT EXISTS rules_language ON rules(language);
CREATE INDEX IF NOT EXISTS rules_title ON rules(title COLLATE NOCASE, key);
CREATE TABLE IF NOT EXISTS rule_techniques (
  rule INTEGER NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
  technique TEXT NOT NULL,
  PRIMARY KEY (rule, technique)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rule_techniques_technique ON rule_techniques(technique);
CREATE TABLE IF NOT EXISTS rule_events (
  rule INTEGER NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
  provider TEXT NOT NULL,
  event TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rule_events_rule ON rule_events(rule);
CREATE INDEX IF NOT EXISTS rule_events_provider ON rule_events(provider);
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
CREATE INDEX IF NOT EXISTS indicators_rule ON indicators(rule);
CREATE INDEX IF NOT EXISTS indicators_key ON indicators(value, canonical, op);
CREATE INDEX IF NOT EXISTS indicators_equivalence ON indicators(equivalence);
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
CREATE INDEX IF NOT EXISTS indicator_counts_count ON indicator_counts(count DESC);
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
CREATE INDEX IF NOT EXISTS rule_relations_other ON rule_relations(other);
CREATE TABLE IF NOT EXISTS attack (id INTEGER PRIMARY KEY CHECK (id = 1), version TEXT NOT NULL, data TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS rules_fts USING fts5(
  title, description, query, tags, content='rules', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS rules_fts_insert AFTER INSERT ON rules BEGIN
  INSERT INTO rules_fts(rowid, title, description, query, tags) VALUES (new.id, new.title, new.description, new.query_text, new.tags);
END;
CREATE TRIGGER IF NOT EXISTS rules_fts_delete AFTER DELETE ON rules BEGIN
  INSERT INTO rules_fts(rules_fts, rowid, title, description, query, tags) VALUES ('delete', old.id, old.title, old.description, old.query_text, old.tags);
END;
`;

export type Db = Database.Database;

/** Opens (creating if needed) a catalog; WAL lets readers see only committed ingests. */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): Db {
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.exec(DDL);
    addMissingColumns(db);
    db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)').run('schema', String(SCHEMA_VERSION));
  }
  db.pragma('cache_size = -65536');
  return db;
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
    fill: `UPDATE rules SET updated = replace(COALESCE(json_extract(document, '$.modified'),
      json_extract(document, '$.date')), '/', '-')`,
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
