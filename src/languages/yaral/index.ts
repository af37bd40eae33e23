/** The Chronicle YARA-L 2.0 language: lexes, parses and lowers one rule to a stage per section and per event variable. */
import { defineLanguage, words } from '../kit/define.js';
import { QueryLocator } from '../../text/locator.js';
import { problemDiagnostics } from '../kit/problem.js';
import { dataSources, lowerRule } from './lower.js';
import { parseYaral } from './parser.js';
import { emitYaral } from './emit.js';

export const yaralLanguage = defineLanguage({
  emit: emitYaral,
  id: 'yaral',
  label: 'YARA-L',
  highlight: {
    keywords: words(`rule meta events match outcome condition options over and or not nocase re regex if count
      count_distinct sum max min array array_distinct any all before after by`),
    lineComment: '//',
    blockComment: true,
    backtickIsName: true,
  },
  parse: ({ source }) => {
    const locator = new QueryLocator(source);
    const { rule, problems } = parseYaral(source.text);
    const diagnostics = problemDiagnostics(problems, locator, 'yaral');
    const { stages, logic } = rule ? lowerRule(rule, source.text, locator) : { stages: [], logic: undefined };
    return {
      type: 'query',
      language: 'yaral',
      stages,
      ...(logic ? { logic } : {}),
      diagnostics,
      dataSources: dataSources(stages),
      unresolved: [],
    };
  },
});
