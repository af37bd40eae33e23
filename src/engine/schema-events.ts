/**
 * A schema's events as the catalog events they stand for: a rule reading `udm:PROCESS_LAUNCH` reads a Sysmon 1,
 * a Security 4688 and every other event whose scope in UDM is `PROCESS_LAUNCH` (`scopes` in the normalization data).
 */
import { normalizationData } from '../events/normalization-data.js';

let bySchemaEvent: Map<string, string[]> | undefined;

/** `udm:PROCESS_LAUNCH` → the catalog events and providers whose UDM scope is `PROCESS_LAUNCH`. */
function schemaEventIndex(): Map<string, string[]> {
  if (bySchemaEvent) return bySchemaEvent;
  const { scopes, schemaProviders } = normalizationData();
  bySchemaEvent = new Map();
  for (const [schema, provider] of Object.entries(schemaProviders ?? {}))
    for (const [key, perSchema] of Object.entries(scopes)) {
      const scope = perSchema[schema];
      if (!scope) continue;
      const schemaEvent = `${provider}:${scope}`;
      bySchemaEvent.set(schemaEvent, [...(bySchemaEvent.get(schemaEvent) ?? []), key]);
    }
  return bySchemaEvent;
}

/** The keys with, after each schema event, the catalog events it stands for. */
export function withSchemaEquivalents(keys: string[]): string[] {
  const index = schemaEventIndex();
  return [...new Set(keys.flatMap((key) => [key, ...(index.get(key) ?? [])]))];
}
