/** Test shorthand: parse a query string in a language as if it were a whole file. */
import type { LanguageId } from '../src/model/ids.js';
import type { ParsedQuery } from '../src/model/stage.js';
import { languages } from '../src/languages/registry.js';
import { emptyContext } from '../src/languages/language.js';
import type { SourceContext } from '../src/model/artifact.js';

export function parseQuery(
  language: LanguageId,
  text: string,
  options?: Record<string, unknown>,
  context: SourceContext = emptyContext(),
): ParsedQuery {
  return languages[language].parse({
    source: { language, text, start: { line: 1, column: 1, offset: 0 }, options },
    context,
  });
}
