/** Syntax highlighting for rule bodies and stage texts: the right tokenizer for a file format or query language. */
import { raw, type Html } from '../markup.js';
import { renderTokens, type Token } from './token.js';
import { yamlTokens } from './yaml.js';
import { tomlTokens } from './toml.js';
import { queryTokens } from './query.js';

export type Syntax = 'yaml' | 'toml' | 'query' | 'plain';

/** Bodies past this size are shown plain: highlighting is for reading, and nobody reads a megabyte at once. */
const MAX_HIGHLIGHT = 256 * 1024;

/** The syntax of a file by the format label readers give (`YAML`, `TOML`, `Markdown`, `KQL`, `YARA-L`). */
export function fileSyntax(fileFormat: string): Syntax {
  const f = fileFormat.toLowerCase();
  if (f === 'yaml' || f === 'yml') return 'yaml';
  if (f === 'toml') return 'toml';
  if (f === 'markdown' || f === 'md') return 'plain';
  return 'query';
}

function tokens(text: string, syntax: Syntax, language: string | null): Token[] {
  if (text.length > MAX_HIGHLIGHT || syntax === 'plain') return [{ cls: null, text }];
  if (syntax === 'yaml') return yamlTokens(text);
  if (syntax === 'toml') return tomlTokens(text);
  return queryTokens(text, language);
}

/** Highlighted markup: every token escaped before it is wrapped, so `raw()` only ever carries escaped text. */
export function highlight(text: string, syntax: Syntax, language: string | null = null): Html {
  return raw(renderTokens(tokens(text, syntax, language)));
}
