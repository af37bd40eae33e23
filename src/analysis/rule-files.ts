/** Rules straight from rule files, read and parsed in this thread without a catalog: for hunts and rule tests. */
import type { ParsedRule } from '../model/rule.js';
import { recognize } from '../formats/registry.js';
import { readFile } from './read-file.js';
import { parseRule } from './parse-rule.js';
import { contextFrom } from './source-context.js';
import { walkSource } from '../sources/walk.js';
import { readSourceText } from '../sources/decode.js';

export interface HuntRuleFilter {
  language?: string;
  source?: string;
}

/** Every rule in the files below `paths`, read and parsed in this thread; `language` keeps only that language's. */
export function rulesFromFiles(paths: readonly string[], filter: HuntRuleFilter = {}): ParsedRule[] {
  const out: ParsedRule[] = [];
  for (const root of paths) {
    const sourceName = filter.source ?? 'files';
    for (const entry of walkSource(root)) {
      const text = readSourceText(entry.absPath, entry.bytes);
      if (text.kind !== 'text') continue;
      const file = { path: entry.path, text: text.text, bytes: entry.bytes, sourceName };
      const result = readFile(file, recognize(file));
      const context = contextFrom(result.artifacts);
      result.rules.forEach((rule, i) => {
        if (filter.language && rule.language !== filter.language) return;
        out.push(parseRule(rule, context, result.prepared?.[i]));
      });
    }
  }
  return out;
}
