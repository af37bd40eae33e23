/** Writes what an ingest produced: file rows and their rules with indicators, techniques and events. */
import type { Db } from './schema.js';
import type { FileOutcome } from './process-file.js';
import type { RuleRow } from './rule-row.js';
import { IngestClock } from './ingest-clock.js';

export interface FileWrite {
  hash: string;
  bytes: number;
  mtime: number;
  outcome: FileOutcome;
}

/** Prepared statements for one ingest, reused across every row. */
export class CatalogWriter {
  private readonly upsertFile;
  private readonly deleteRules;
  private readonly insertRule;
  private readonly insertIndicator;
  private readonly insertTechnique;
  private readonly insertEvent;

  constructor(
    private readonly db: Db,
    private readonly clock = new IngestClock(),
  ) {
    this.upsertFile =
      db.prepare(`INSERT INTO files (source_id, path, hash, bytes, mtime, format, rules, artifacts, diagnostics)
      VALUES (@source, @path, @hash, @bytes, @mtime, @format, @rules, @artifacts, @diagnostics)
      ON CONFLICT(source_id, path) DO UPDATE SET hash = excluded.hash, bytes = excluded.bytes, mtime = excluded.mtime,
        format = excluded.format, rules = excluded.rules, artifacts = excluded.artifacts, diagnostics = excluded.diagnostics
      RETURNING id`);
    this.deleteRules = db.prepare('DELETE FROM rules WHERE file_id = ?');
    this.insertRule =
      db.prepare(`INSERT INTO rules (source_id, file_id, key, rule_id, title, description, status, severity,
      language, format, parsed, errors, query_text, tags, document, query, events, diagnostics, updated)
      VALUES (@source, @file, @key, @ruleId, @title, @description, @status, @severity, @language, @format, @parsed, @errors,
      @queryText, @tags, @document, @query, @events, @diagnostics, @updated)`);
    this.insertIndicator =
      db.prepare(`INSERT INTO indicators (rule, language, kind, field, canonical, op, value, equivalence, stage)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertTechnique = db.prepare(
      'INSERT OR IGNORE INTO rule_techniques (rule, technique) VALUES (?, ?)',
    );
    this.insertEvent = db.prepare('INSERT INTO rule_events (rule, provider, event) VALUES (?, ?, ?)');
  }

  writeFile(sourceId: number, sourceName: string, file: FileWrite): void {
    const { outcome } = file;
    const fileId = this.clock.time('rows', () => this.writeFileRow(sourceId, file));
    const several = outcome.rules.length > 1;
    outcome.rules.forEach((rule, i) => {
      const key = `${sourceName}:${outcome.path}${several ? `#${i + 1}` : ''}`;
      const ruleId = this.clock.time('rows', () => this.writeRule(sourceId, fileId, key, rule));
      this.clock.time('indicators', () => this.writeRuleParts(ruleId, rule));
    });
  }

  /** The file's row, its old rules gone; returns its id. */
  private writeFileRow(sourceId: number, file: FileWrite): number {
    const { outcome } = file;
    const row = this.upsertFile.get({
      source: sourceId,
      path: outcome.path,
      hash: file.hash,
      bytes: file.bytes,
      mtime: file.mtime,
      format: outcome.format,
      rules: outcome.rules.length,
      artifacts: JSON.stringify(outcome.artifacts),
      diagnostics: JSON.stringify(outcome.diagnostics),
    }) as { id: number };
    this.deleteRules.run(row.id);
    return row.id;
  }

  private writeRule(sourceId: number, fileId: number, key: string, r: RuleRow): number {
    const info = this.insertRule.run({
      source: sourceId,
      file: fileId,
      key,
      ruleId: r.ruleId,
      title: r.title,
      description: r.description,
      status: r.status,
      severity: r.severity,
      language: r.language,
      format: r.format,
      parsed: r.parsed ? 1 : 0,
      errors: r.errors,
      queryText: r.queryText,
      tags: r.tags,
      document: asBuffer(r.document),
      query: r.query && asBuffer(r.query),
      events: r.events,
      diagnostics: r.diagnostics,
      updated: r.updated,
    });
    return Number(info.lastInsertRowid);
  }

  private writeRuleParts(id: number, r: RuleRow): void {
    for (const i of r.indicators)
      this.insertIndicator.run(
        id,
        i.language,
        i.kind,
        i.field,
        i.canonical,
        i.op,
        i.value,
        i.equivalence,
        i.stage,
      );
    for (const t of r.techniques) this.insertTechnique.run(id, t);
    for (const [provider, event] of r.eventKeys) this.insertEvent.run(id, provider, event);
  }
}

/** A row that crossed threads holds its packed columns as plain Uint8Arrays; SQLite binds Buffers as blobs. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
