/** The ES|QL language: lexes and parses a pipeline of commands and lowers each command to a stage. */
import type { Language } from '../language.js';
import { problemDiagnostics } from '../kit/problem.js';
import { QueryLocator } from '../../text/locator.js';
import { lowerEsql } from './lower.js';
import { parseEsql } from './parser.js';

export const esqlLanguage: Language = {
  id: 'esql',
  name: 'ES|QL',
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
};
