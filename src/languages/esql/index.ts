/** The ES|QL language: lexes and parses a pipeline of commands and lowers each command to a stage. */
import { defineLanguage, words } from '../kit/define.js';
import { problemDiagnostics } from '../kit/problem.js';
import { QueryLocator } from '../../text/locator.js';
import { lowerEsql } from './lower.js';
import { parseEsql } from './parser.js';
import { emitEsql } from './emit.js';

export const esqlLanguage = defineLanguage({
  emit: emitEsql,
  id: 'esql',
  label: 'ES|QL',
  highlight: {
    keywords:
      words(`from where eval stats keep drop limit sort by rename dissect grok mv_expand enrich row show and or
      not like rlike in is null asc desc nulls first last metadata on with true false lookup join`),
    lineComment: '//',
    blockComment: true,
  },
  parse: ({ source }) => {
    const locator = new QueryLocator(source);
    const { commands, problems } = parseEsql(source.text);
    const lowered = lowerEsql(commands, source.text, locator);
    return {
      type: 'query',
      language: 'esql',
      stages: lowered.stages,
      diagnostics: [...problemDiagnostics(problems, locator, 'esql'), ...lowered.diagnostics],
      dataSources: lowered.dataSources,
      unresolved: [],
    };
  },
});
