/** Recognises ATT&CK technique and tactic ids in the many ways rules write them. */

const TECHNIQUE = /\bT(\d{4})(?:[._](\d{3}))?\b/gi;
const TACTIC = /\bTA(\d{4})\b/gi;

/** Technique ids found in a text (`attack.t1059.001`, `T1059.001`, `t1059`), upper case, first seen first. */
export function techniqueIds(text: string): string[] {
  const ids = new Set<string>();
  for (const m of text.matchAll(TECHNIQUE)) ids.add(m[2] ? `T${m[1]}.${m[2]}` : `T${m[1]}`);
  return [...ids];
}

/** Tactic ids (`TA0003`) found in a text. */
export function tacticIds(text: string): string[] {
  const ids = new Set<string>();
  for (const m of text.matchAll(TACTIC)) ids.add(`TA${m[1]}`);
  return [...ids];
}

/** Merges id lists keeping first-seen order. */
export function mergeIds(...lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}
