/** Whether a rule is deprecated, from its status or the folder its repository moved it into (`rule-lifecycle.json`). */
import { readDataFile } from '../data-file.js';

interface LifecycleData {
  deprecatedStatuses: string[];
  deprecatedFolders: string[];
}

let sets: { statuses: Set<string>; folders: Set<string> } | undefined;

function lifecycle(): { statuses: Set<string>; folders: Set<string> } {
  if (!sets) {
    const data = readDataFile<LifecycleData>('rule-lifecycle.json');
    sets = {
      statuses: new Set(data.deprecatedStatuses.map((s) => s.toLowerCase())),
      folders: new Set(data.deprecatedFolders.map((s) => s.toLowerCase())),
    };
  }
  return sets;
}

/** `path` is the rule file's path in its source; only its folders count, not its file name. */
export function isDeprecated(rule: { status: string | null | undefined; path: string }): boolean {
  const { statuses, folders } = lifecycle();
  if (rule.status && statuses.has(rule.status.trim().toLowerCase())) return true;
  return rule.path
    .split('/')
    .slice(0, -1)
    .some((folder) => folders.has(folder.toLowerCase()));
}
