/** Parsed rules for a hunt: from the catalog (as stored at ingest) or straight from rule files, without storing them. */
import type { ParsedQuery } from '../model/stage.js';
import type { ParsedRule, RuleDocument } from '../model/rule.js';
import { readFile } from '../analysis/read-file.js';
import { parseRule } from '../analysis/parse-rule.js';
import { contextFrom } from '../analysis/source-context.js';
import type { Db } from './schema.js';
import { readSourceText, walkSource } from './walk.js';

export interface HuntRuleFilter {
  language?: string;
  source?: string;
}

/** The catalog's rules with their stored parse, filtered by language and source. */
export function storedRules(db: Db, filter: HuntRuleFilter = {}): ParsedRule[] {
  const rows = db
    .prepare(
      `SELECT r.document, r.query FROM rules r JOIN sources s ON s.id = r.source_id
       WHERE (? IS NULL OR s.name = ?) AND (? IS NULL OR r.language = ?) ORDER BY r.id`,
    )
    .all(
      filter.source ?? null,
      filter.source ?? null,
      filter.language ?? null,
      filter.language ?? null,
    ) as Array<{
    document: string;
    query: string | null;
  }>;
  return rows.map((row) => ({
    rule: JSON.parse(row.document) as RuleDocument,
    query: row.query ? (JSON.parse(row.query) as ParsedQuery) : null,
  }));
}

/** Every rule in the files below `paths`, read and parsed in this thread; `language` keeps only that language's. */
export function rulesFromFiles(paths: readonly string[], filter: HuntRuleFilter = {}): ParsedRule[] {
  const out: ParsedRule[] = [];
  for (const root of paths) {
    const sourceName = filter.source ?? 'files';
    for (const entry of walkSource(root)) {
      const text = readSourceText(entry.absPath, entry.bytes);
      if (text.kind !== 'text') continue;
      const { result } = readFile({ path: entry.path, text: text.text, bytes: entry.bytes, sourceName });
      const context = contextFrom(result.artifacts);
      result.rules.forEach((rule, i) => {
        if (filter.language && rule.language !== filter.language) return;
        out.push(parseRule(rule, context, result.prepared?.[i]));
      });
    }
  }
  return out;
}
