/** Parsed rules for a hunt: from the catalog (as stored at ingest) or straight from rule files, without storing them. */
import type { ParsedQuery } from '../model/stage.js';
import type { ParsedRule, RuleDocument } from '../model/rule.js';
import type { Db } from './schema.js';
import { unpackJson } from './packed-json.js';

import type { HuntRuleFilter } from '../analysis/rule-files.js';

export type { HuntRuleFilter };

/** A stored rule with its catalog key (`source:path`, `#n` for the n-th rule of a file), which links its page. */
export interface KeyedRule extends ParsedRule {
  key: string;
}

/** The catalog's rules with their stored parse, filtered by language and source. */
export function storedRules(db: Db, filter: HuntRuleFilter = {}): KeyedRule[] {
  const rows = db
    .prepare(
      `SELECT r.key, r.document, r.query FROM rules r JOIN sources s ON s.id = r.source_id
       WHERE (? IS NULL OR s.name = ?) AND (? IS NULL OR r.language = ?) ORDER BY r.id`,
    )
    .all(
      filter.source ?? null,
      filter.source ?? null,
      filter.language ?? null,
      filter.language ?? null,
    ) as Array<{
    key: string;
    document: string | Uint8Array;
    query: string | Uint8Array | null;
  }>;
  return rows.map((row) => ({
    key: row.key,
    rule: unpackJson<RuleDocument>(row.document),
    query: row.query ? unpackJson<ParsedQuery>(row.query) : null,
  }));
}
