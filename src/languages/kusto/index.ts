/** The Kusto KQL language: Microsoft Sentinel and Defender queries parsed by a hand-written recursive-descent parser. */
import { defineLanguage, words } from '../kit/define.js';
import type { ParsedQuery } from '../../model/stage.js';
import { QueryLocator } from '../../text/locator.js';
import { languageDiagnostic, problemDiagnostics } from '../kit/problem.js';
import { lowerScript } from './lower.js';
import { parseScript } from './parser.js';
import { emitKusto } from './emit.js';

export const kustoLanguage = defineLanguage({
  emit: emitKusto,
  id: 'kusto',
  label: 'Kusto KQL',
  aliases: ['kql', 'kusto', 'sentinel'],
  highlight: {
    keywords:
      words(`where project project-away project-rename project-reorder extend summarize join union let by on
      and or not has has_any has_all has_cs contains contains_cs startswith endswith matches regex in in~ between take
      limit sort order top distinct count mv-expand mv-apply parse ago datatable kind inner leftouter leftanti
      rightouter innerunique make_set make_list case iff iif isnotempty isempty isnotnull isnull tostring toint tolower
      toupper now true false render lookup materialize invoke evaluate as asc desc with`),
    lineComment: '//',
    blockComment: true,
  },
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
});
