/** The Kusto KQL language: Microsoft Sentinel and Defender queries parsed by a hand-written recursive-descent parser. */
import type { Language } from '../language.js';
import type { ParsedQuery } from '../../model/stage.js';
import { QueryLocator } from '../../text/locator.js';
import { languageDiagnostic, problemDiagnostics } from '../kit/problem.js';
import { lowerScript } from './lower.js';
import { parseScript } from './parser.js';

export const kustoLanguage: Language = {
  id: 'kusto',
  name: 'Kusto KQL',
  parse: ({ source, prepared }): ParsedQuery => {
    const script =
      prepared?.language === 'kusto' && prepared.text === source.text
        ? prepared.script
        : parseScript(source.text);
    const locator = new QueryLocator(source);
    const diagnostics = problemDiagnostics(script.problems, locator, 'kusto');
    try {
      return { type: 'query', language: 'kusto', ...lowerScript(script, source.text, locator), diagnostics };
    } catch (err) {
      // Only a chain of tens of thousands of and/or terms recurses this deep; the parse errors still count.
      if (!(err instanceof RangeError)) throw err;
      diagnostics.push(
        languageDiagnostic(
          'kusto',
          'too-deep',
          'error',
          'Unexpected query size, expected fewer nested or chained conditions',
          source.start,
        ),
      );
      return { type: 'query', language: 'kusto', stages: [], dataSources: [], unresolved: [], diagnostics };
    }
  },
};
