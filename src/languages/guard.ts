/** The parser boundary: whatever a parser does, a caller gets a ParsedQuery back, never an exception. */
import type { Language, ParseInput } from './language.js';
import type { ParsedQuery } from '../model/stage.js';
import { diagnostic } from '../text/diagnostics.js';

/** Marks diagnostics that stand for a parser bug rather than a problem in the rule; the fuzzer looks for it. */
export const INTERNAL_ERROR = 'Internal parser error';

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
        const message = deep
          ? 'Query nests too deeply to parse'
          : `${INTERNAL_ERROR}: ${(err as Error).message}`;
        return {
          type: 'query',
          language: language.id,
          stages: [],
          diagnostics: [diagnostic('error', message, input.source.start, language.id)],
          dataSources: [],
          unresolved: [],
        };
      }
    },
  };
}
