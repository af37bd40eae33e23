/** Cheap recognition of YAML layouts: which keys a file has at the start of a line, without parsing it. */

/** True when `key:` starts a line of the text (a top-level key when indent is 0). */
export function hasKeyAtLineStart(text: string, key: string, indent = ''): boolean {
  const probe = `${indent}${key}:`;
  if (text.startsWith(probe)) return true;
  for (let i = text.indexOf(`\n${probe}`); i !== -1; i = text.indexOf(`\n${probe}`, i + 1)) {
    const after = text.charCodeAt(i + 1 + probe.length);
    // `key:` must be followed by a blank or the end of line to be a key and not a longer plain scalar.
    if (Number.isNaN(after) || after === 32 || after === 10 || after === 13 || after === 9) return true;
  }
  return false;
}

/** True when `key:` starts a line at any indentation (a nested key such as `tags.mitre_attack_id`). */
export function hasIndentedKey(text: string, key: string): boolean {
  for (let i = text.indexOf(`${key}:`); i !== -1; i = text.indexOf(`${key}:`, i + 1)) {
    let j = i - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
    if (j < 0 || text[j] === '\n') return true;
  }
  return false;
}

export function isYamlPath(path: string): boolean {
  return path.endsWith('.yml') || path.endsWith('.yaml');
}
