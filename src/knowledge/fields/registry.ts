/** Registry key paths in one form: `HKEY_LOCAL_MACHINE\…`, `HKLM:\…` and `\REGISTRY\MACHINE\…` all start `HKLM\…`. */
import { readDataFile } from '../data-file.js';

interface Hive {
  canonical: string;
  names: string[];
}

interface HivesFile {
  concepts: string[];
  hives: Hive[];
}

/** Lower-case written name → canonical root, longest names first so `\REGISTRY\MACHINE` wins over shorter ones. */
let roots: Array<{ name: string; canonical: string }> | undefined;

function hiveRoots(): Array<{ name: string; canonical: string }> {
  roots ??= readDataFile<HivesFile>('registry-hives.json')
    .hives.flatMap((h) => h.names.map((name) => ({ name: name.toLowerCase(), canonical: h.canonical })))
    .sort((a, b) => b.name.length - a.name.length);
  return roots;
}

/** The concepts whose values are registry key paths. */
export function registryKeyConcepts(): readonly string[] {
  return readDataFile<HivesFile>('registry-hives.json').concepts;
}

/**
 * A key path with its root written the canonical way (`HKLM`, `HKCU`, `HKU`, `HKCR`, `HKCC`; lower case
 * when `folded`); a value that does not start with a root (`*\Software\…`, `\Software\…`) is returned as is.
 */
export function canonicalRegistryPath(value: string, folded: boolean): string {
  const lower = value.toLowerCase();
  for (const { name, canonical } of hiveRoots()) {
    if (!lower.startsWith(name)) continue;
    const rest = value.slice(name.length);
    if (rest !== '' && rest[0] !== '\\') continue;
    return `${folded ? canonical.toLowerCase() : canonical}${rest}`;
  }
  return value;
}
