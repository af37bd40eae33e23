/** Each rule's log events beside its declared techniques: what visibility questions are asked of. */
import type { Db } from './schema.js';
import type { EventRef } from '../knowledge/events/index.js';
import type { CoverageFilter } from './technique-queries.js';
import type { VisibilityRule } from '../analysis/coverage/index.js';

/** Every rule (with techniques or not) and the events it needs. */
export function ruleEvents(db: Db, filter: CoverageFilter): VisibilityRule[] {
  const rows = db
    .prepare(
      `SELECT r.key AS id, r.title, COALESCE(r.language, 'none') AS language, s.name AS source, r.events,
         (SELECT json_group_array(t.technique) FROM rule_techniques t WHERE t.rule = r.id) AS techniques
       FROM rules r JOIN sources s ON s.id = r.source_id
       WHERE (? IS NULL OR s.name = ?) AND (? IS NULL OR r.language = ?)
       ORDER BY r.key`,
    )
    .all(
      filter.source ?? null,
      filter.source ?? null,
      filter.language ?? null,
      filter.language ?? null,
    ) as Array<Omit<VisibilityRule, 'techniques' | 'events'> & { techniques: string; events: string }>;
  return rows.map((r) => ({
    ...r,
    techniques: JSON.parse(r.techniques) as string[],
    events: JSON.parse(r.events) as EventRef[],
  }));
}
