/** The Chronicle YARA-L 2.0 language: lexes, parses and lowers one rule to a stage per section. */
import type { Language } from '../language.js';
import { QueryLocator } from '../../text/locator.js';
import { problemDiagnostics } from '../kit/problem.js';
import { dataSources, lowerRule } from './lower.js';
import { parseYaral } from './parser.js';

export const yaralLanguage: Language = {
  id: 'yaral',
  name: 'YARA-L',
  parse: ({ source }) => {
    const locator = new QueryLocator(source);
    const { rule, problems } = parseYaral(source.text);
    const diagnostics = problemDiagnostics(problems, locator, 'yaral');
    const stages = rule ? lowerRule(rule, source.text, locator) : [];
    return {
      type: 'query',
      language: 'yaral',
      stages,
      diagnostics,
      dataSources: dataSources(stages),
      unresolved: [],
    };
  },
};
