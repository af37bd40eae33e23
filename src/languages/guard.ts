/** The parser boundary: whatever a parser does, a caller gets a ParsedQuery back, never an exception. */
import type { Language, ParseInput } from './language.js';
import type { ParsedQuery } from '../model/stage.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { languageDiagnostic } from './kit/problem.js';

const INTERNAL_ERROR = 'Internal parser error';
const TOO_DEEP = 'Query nests too deeply to parse';

/** The one mark of a parser bug, rather than a problem in the rule: an `<language>/internal-error` code. */
export function isParserBug(d: Diagnostic): boolean {
  return d.code?.endsWith('/internal-error') === true;
}

/**
 * Recursive-descent parsers recurse once per nesting level; a query nested thousands deep exhausts the
 * stack. That is the input's problem, reported as such; any other exception is a bug, reported as one.
 */
export function guarded(language: Language): Language {
  return {
    ...language,
    parse(input: ParseInput): ParsedQuery {
      try {
        return language.parse(input);
      } catch (err) {
        const deep = err instanceof RangeError && /call stack/i.test(err.message);
        const problem = deep
          ? languageDiagnostic(language.id, 'too-deep', 'error', TOO_DEEP, input.source.start)
          : languageDiagnostic(
              language.id,
              'internal-error',
              'error',
              `${INTERNAL_ERROR}: ${(err as Error).message}`,
              input.source.start,
            );
        return {
          type: 'query',
          language: language.id,
          stages: [],
          diagnostics: [problem],
          dataSources: [],
          unresolved: [],
        };
      }
    },
  };
}
