/** The Splunk SPL language: macro expansion, the pipeline grammar and lowering, composed into one parse. */
import { defineLanguage, words } from '../kit/define.js';
import type { ParseInput } from '../language.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { ParsedQuery } from '../../model/stage.js';
import { diagnostic } from '../../text/diagnostics.js';
import { QueryLocator } from '../../text/locator.js';
import { expandMacros, type Expansion } from './macros.js';
import { parsePipeline } from './parser.js';
import { lowerQuery } from './lower.js';
import { problemCode, type Problem } from '../kit/problem.js';
import { emitSpl } from './emit.js';

function parseSpl(input: ParseInput): ParsedQuery {
  const { source, context } = input;
  const locator = new QueryLocator(source);
  const expansion = expandMacros(source.text, context.macros);
  const problems: Problem[] = [];
  const pipeline = parsePipeline(expansion.text, { start: 0, end: expansion.text.length }, problems);
  const lowered = lowerQuery(pipeline, {
    expanded: expansion.text,
    original: source.text,
    map: expansion.map,
    locator,
    problems,
  });
  return {
    type: 'query',
    language: 'spl',
    stages: lowered.stages,
    diagnostics: diagnosticsOf(expansion, problems, locator),
    dataSources: lowered.dataSources,
    unresolved: expansion.unresolved,
  };
}

/** Expansion problems are in original offsets, parse problems in expanded ones; one diagnostic per place and message. */
function diagnosticsOf(expansion: Expansion, problems: Problem[], locator: QueryLocator): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  const add = (p: Problem, start: number, end: number): void => {
    const key = `${start}:${p.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(diagnostic(p.severity, p.message, locator.span(start, end), 'spl', problemCode('spl', p.kind)));
  };
  for (const p of expansion.problems) add(p, p.start, p.end);
  for (const p of problems)
    add(p, expansion.map.toOriginal(p.start, 'start'), expansion.map.toOriginal(p.end, 'end'));
  return out.sort((a, b) => (a.span?.start.offset ?? 0) - (b.span?.start.offset ?? 0));
}

export const splLanguage = defineLanguage({
  emit: emitSpl,
  id: 'spl',
  label: 'Splunk SPL',
  aliases: ['splunk'],
  highlight: {
    keywords:
      words(`search where table stats tstats eval rex lookup inputlookup outputlookup bin bucket by as from and
      or not in rename fields dedup sort head tail join append appendpipe datamodel values count dc sum avg min max
      earliest latest span mvexpand makemv fillnull transaction streamstats eventstats timechart chart top rare return
      format like match if case nodename summariesonly allow_old_summaries groupby term`),
    backtickIsName: true,
  },
  parse: parseSpl,
});
