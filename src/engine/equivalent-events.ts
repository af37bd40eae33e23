/**
 * Events that are the same kind of event in another product: a Kusto query on `DeviceProcessEvents` reads a
 * Sysmon process creation through its Defender view. Two catalog events are equivalent for a data source when
 * the normalization data's `scopes` give them the scope the data source names, in the same schema.
 */
import { normalizationData } from '../events/normalization-data.js';

let byScope: Map<string, string[]> | undefined;

/** Schema and scope name → the catalog events (and logs) with that scope. */
function scopeIndex(): Map<string, string[]> {
  if (byScope) return byScope;
  byScope = new Map();
  for (const [key, schemas] of Object.entries(normalizationData().scopes))
    for (const [schema, scope] of Object.entries(schemas)) {
      const slot = `${schema}\u0000${scope}`;
      const list = byScope.get(slot);
      if (list) list.push(key);
      else byScope.set(slot, [key]);
    }
  return byScope;
}

/**
 * The events equivalent to `provider:event` keys a query's data sources name: those sharing the scope that is
 * the key's own event name (`defender-xdr:DeviceProcessEvents` is `DeviceProcessEvents` in the `defender` schema).
 */
export function equivalentEvents(keys: readonly string[]): string[] {
  const scopes = normalizationData().scopes;
  const out: string[] = [];
  for (const key of keys) {
    const name = key.slice(key.indexOf(':') + 1);
    for (const [schema, scope] of Object.entries(scopes[key] ?? {}))
      if (scope === name) out.push(...(scopeIndex().get(`${schema}\u0000${scope}`) ?? []));
  }
  return out;
}
