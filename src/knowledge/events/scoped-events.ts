/** Events a data model names by scope: `cim:Endpoint.Processes` is every event whose CIM scope is `Processes`. */
import { readDataFile } from '../data-file.js';

interface ScopesFile {
  /** Catalog event or provider → schema → the scope its names hold in. */
  scopes: Record<string, Record<string, string>>;
}

interface SchemaProvidersFile {
  schemaProviders: Record<string, string>;
}

/** Catalog events (`sysmon:1`, `security:4688`) whose scope in the provider's schema is the event key's data set. */
export function scopedEvents(providerId: string, key: string): string[] {
  const providers = readDataFile<SchemaProvidersFile>('event-sources.json').schemaProviders;
  const schema = Object.keys(providers).find((s) => s !== 'description' && providers[s] === providerId);
  if (!schema) return [];
  const dataset = key.slice(key.lastIndexOf('.') + 1);
  const { scopes } = readDataFile<ScopesFile>('event-normalization.json');
  return Object.keys(scopes).filter((event) => event.includes(':') && scopes[event][schema] === dataset);
}
