/** Where a converted rule reads its events: the source rule's activity, then that activity in the target's terms. */
import type { ParsedRule } from '../../model/rule.js';
import type { EmitScope } from '../../languages/emit.js';
import { readDataFile } from '../../knowledge/data-file.js';

interface ActivityScope {
  sigma?: Record<string, string>;
  kusto?: string;
  eql?: string;
  indexes?: string[];
  udm?: string;
}

interface ScopesFile {
  activities: Record<string, ActivityScope>;
  sigmaCategories: Record<string, string>;
  datamodels: Record<string, string>;
  scopeFields: string[];
}

function scopes(): ScopesFile {
  return readDataFile<ScopesFile>('conversion-scopes.json');
}

function elasticCategory(category: string): string | undefined {
  return readDataFile<{ elasticCategories: Record<string, string[]> }>('event-sources.json')
    .elasticCategories[category.toLowerCase()]?.[0];
}

/** The activity a rule reads (`process_creation`), from its logsource, event category, table, data model or event type. */
export function ruleActivity(parsed: ParsedRule): string | undefined {
  const s = scopes();
  const category = parsed.rule.context.category;
  if (typeof category === 'string') return s.activities[category] ? category : s.sigmaCategories[category];
  for (const ds of parsed.query?.dataSources ?? []) {
    const value = ds.value;
    const found =
      ds.kind === 'category'
        ? elasticCategory(value)
        : ds.kind === 'table'
          ? Object.keys(s.activities).find((a) => s.activities[a].kusto === value)
          : ds.kind === 'event_type'
            ? Object.keys(s.activities).find((a) => s.activities[a].udm === value)
            : ds.kind === 'datamodel'
              ? s.datamodels[value.toLowerCase().split('.').pop() ?? '']
              : undefined;
    if (found) return found;
  }
  const predicates = parsed.query?.stages.flatMap((st) => st.predicates) ?? [];
  const declared = predicates.find(
    (p) => p.field === 'event.category' && !p.negated && p.values.length === 1,
  );
  return declared && elasticCategory(declared.values[0]);
}

export function targetScope(activity: string | undefined, platform?: string): EmitScope {
  const a = activity ? scopes().activities[activity] : undefined;
  if (!a) return {};
  const logsource = a.sigma && platform ? { ...a.sigma, product: platform } : a.sigma;
  return { logsource, table: a.kusto, category: a.eql, indexes: a.indexes, eventType: a.udm };
}

/** The operating system a rule is for: its Sigma `product`, or the `host.os.type` it tests. */
export function rulePlatform(parsed: ParsedRule): string | undefined {
  const product = parsed.rule.context.product;
  if (typeof product === 'string') return product.toLowerCase();
  const predicates = parsed.query?.stages.flatMap((s) => s.predicates) ?? [];
  const os = predicates.find(
    (p) => /^host\.os\.(type|family)$/.test(p.field ?? '') && !p.negated && p.values.length === 1,
  );
  return os?.values[0].toLowerCase();
}

/** Fields that only say which events a rule reads: the target says it with its table, category or logsource. */
export function isScopeField(field: string): boolean {
  return scopes().scopeFields.includes(field.toLowerCase());
}

/** The table or event type a rule names its fields in (a Kusto table, a UDM event type), for scoped names. */
export function sourceScope(parsed: ParsedRule): string | undefined {
  const ds = parsed.query?.dataSources.find((d) => d.kind === 'table' || d.kind === 'event_type');
  return ds?.value;
}
