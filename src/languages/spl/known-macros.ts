/** Macros the project knows as data (`spl-macros.json`): those of Splunk apps and security_content's empty filters. */
import { readDataFile } from '../../knowledge/data-file.js';
import type { MacroDefinition } from '../../model/artifact.js';

interface KnownMacrosFile {
  macros: Array<{ name: string; args: string[]; definition: string; origin: string }>;
  emptySuffixes: Array<{ suffix: string; origin: string }>;
}

let byKey: Map<string, MacroDefinition> | undefined;

function known(): Map<string, MacroDefinition> {
  if (byKey) return byKey;
  byKey = new Map();
  for (const m of readDataFile<KnownMacrosFile>('spl-macros.json').macros) {
    const key = m.args.length > 0 ? `${m.name}(${m.args.length})` : m.name;
    byKey.set(key, {
      type: 'macro',
      name: m.name,
      args: m.args,
      definition: m.definition,
      path: 'spl-macros.json',
    });
  }
  return byKey;
}

/** The definition the project knows for a macro key (`name` or `name(N)`) its source does not define. */
export function knownMacro(key: string): MacroDefinition | undefined {
  const found = known().get(key);
  if (found) return found;
  const { emptySuffixes } = readDataFile<KnownMacrosFile>('spl-macros.json');
  if (!key.includes('(') && emptySuffixes.some((s) => key.endsWith(s.suffix)))
    return { type: 'macro', name: key, args: [], definition: '', path: 'spl-macros.json' };
  return undefined;
}
