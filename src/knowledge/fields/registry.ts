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

const KEY_OPS = new Set(['eq', 'starts_with', 'match', 'ends_with']);

/**
 * The key path below the root, folded, as `\Software\…\Run` without a trailing separator: what `HKLM\…\Run\`
 * (keys under Run), `…\Run` (the key) and a `contains \…\Run` written without a root all look for. Undefined
 * for globs, other ops and paths of one segment, which say too little to link.
 */
export function registryKeyPath(op: string, value: string): string | undefined {
  if (!KEY_OPS.has(op) || /[*?]/.test(value)) return undefined;
  let path = canonicalRegistryPath(value, true).toLowerCase();
  const root = hiveRoots().find(({ canonical }) => path.startsWith(`${canonical.toLowerCase()}\\`));
  if (root) path = path.slice(root.canonical.length);
  else if (op === 'eq' || op === 'starts_with') return undefined;
  if (!path.startsWith('\\')) path = `\\${path}`;
  path = path.replace(/\\+$/, '');
  return path.split('\\').length > 2 ? path : undefined;
}
