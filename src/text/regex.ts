/** Text as a literal inside a regular expression, for the engine's globs and the patterns languages build. */
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/-]/g;

export function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}
