/** Writes what an ingest produced: file rows and their rules with indicators, techniques and events. */
import type { Db } from './schema.js';
import type { FileOutcome } from './process-file.js';
import type { AnalyzedRule } from '../analysis/analyze.js';

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

  constructor(private readonly db: Db) {
    this.upsertFile = db.prepare(`INSERT INTO files (source_id, path, hash, bytes, mtime, format, rules, artifacts, diagnostics)
      VALUES (@source, @path, @hash, @bytes, @mtime, @format, @rules, @artifacts, @diagnostics)
      ON CONFLICT(source_id, path) DO UPDATE SET hash = excluded.hash, bytes = excluded.bytes, mtime = excluded.mtime,
        format = excluded.format, rules = excluded.rules, artifacts = excluded.artifacts, diagnostics = excluded.diagnostics
      RETURNING id`);
    this.deleteRules = db.prepare('DELETE FROM rules WHERE file_id = ?');
    this.insertRule = db.prepare(`INSERT INTO rules (source_id, file_id, key, rule_id, title, description, status, severity,
      language, format, parsed, errors, query_text, tags, document, query, events, diagnostics)
      VALUES (@source, @file, @key, @ruleId, @title, @description, @status, @severity, @language, @format, @parsed, @errors,
      @queryText, @tags, @document, @query, @events, @diagnostics)`);
    this.insertIndicator = db.prepare(`INSERT INTO indicators (rule, language, kind, field, canonical, op, value, equivalence, stage)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertTechnique = db.prepare('INSERT OR IGNORE INTO rule_techniques (rule, technique) VALUES (?, ?)');
    this.insertEvent = db.prepare('INSERT INTO rule_events (rule, provider, event) VALUES (?, ?, ?)');
  }

  writeFile(sourceId: number, sourceName: string, file: FileWrite): void {
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
    const several = outcome.rules.length > 1;
    outcome.rules.forEach((rule, i) => {
      const key = `${sourceName}:${outcome.path}${several ? `#${i + 1}` : ''}`;
      this.writeRule(sourceId, row.id, key, rule);
    });
  }

  private writeRule(sourceId: number, fileId: number, key: string, a: AnalyzedRule): void {
    const { rule } = a;
    const info = this.insertRule.run({
      source: sourceId,
      file: fileId,
      key,
      ruleId: rule.id,
      title: rule.title,
      description: rule.description ?? null,
      status: rule.status ?? null,
      severity: rule.severity ?? null,
      language: rule.language,
      format: rule.format,
      parsed: a.parsed ? 1 : 0,
      errors: a.diagnostics.filter((d) => d.severity === 'error').length,
      queryText: rule.query?.text ?? null,
      tags: rule.tags.join(' '),
      document: JSON.stringify(rule),
      query: a.query ? JSON.stringify(a.query) : null,
      events: JSON.stringify(a.events),
      diagnostics: JSON.stringify(a.diagnostics),
    });
    const id = Number(info.lastInsertRowid);
    for (const ind of a.indicators) {
      this.insertIndicator.run(id, ind.language, ind.kind, ind.field, ind.canonical, ind.op, ind.value, ind.equivalence, ind.stage);
    }
    for (const t of rule.attack.techniques) this.insertTechnique.run(id, t);
    for (const e of a.events) this.insertEvent.run(id, e.provider, e.event);
  }
}
