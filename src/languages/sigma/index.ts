/** The Sigma language: a rule's YAML (detection, filter or correlation) parsed into stages and predicates. */
import { isMap, type Node } from 'yaml';
import type { DataSourceRef, ParsedQuery, Stage } from '../../model/stage.js';
import { languageDiagnostic } from '../kit/problem.js';
import type { ParseInput } from '../language.js';
import { defineLanguage, words } from '../kit/define.js';
import { lowerCorrelation } from './correlation.js';
import { readDetection, type WalkContext } from './detection.js';
import { lowerDetection, queryLogic } from './lower.js';
import { lastTopPair, ruleYaml, sectionPairs, sectionStrings, type RuleYaml } from './rule-yaml.js';
import { emitSigma } from './emit.js';

/** Logsource keys that name what a rule reads, in the order people read them. */
const LOGSOURCE_KEYS = ['product', 'category', 'service'];

function dataSources(yaml: RuleYaml): DataSourceRef[] {
  const logsource = sectionStrings(yaml.documents, 'logsource');
  return LOGSOURCE_KEYS.filter((k) => logsource.has(k)).map((k) => ({
    type: 'datasource',
    kind: 'logsource',
    value: `${k}:${logsource.get(k)}`,
  }));
}

/** A filter rule's `filter:` holds its items and condition like `detection:` does, beside `rules`. */
const SECTIONS = ['detection', 'filter'] as const;

function ruleStages(yaml: RuleYaml, ctx: WalkContext): Stage[] {
  const { documents, nodes } = yaml;
  const correlation = lastTopPair(documents, 'correlation');
  if (correlation && !lastTopPair(documents, 'detection')) return [lowerCorrelation(correlation, ctx)];
  for (const section of SECTIONS) {
    const pair = lastTopPair(documents, section);
    if (!pair) continue;
    const key = pair.key as Node;
    const at = nodes.span(key.range?.[0] ?? 0, key.range?.[1] ?? 0);
    if (!isMap(pair.value)) {
      ctx.diagnostics.push(
        languageDiagnostic(
          'sigma',
          'invalid-value',
          'error',
          `Unexpected value of "${section}", expected a mapping of detection items and a "condition"`,
          at,
        ),
      );
      return [];
    }
    return lowerDetection(
      readDetection(sectionPairs(documents, section) ?? [], section, ctx),
      ctx.diagnostics,
      at,
    );
  }
  const start = documents[0]?.range?.[0] ?? 0;
  ctx.diagnostics.push(
    languageDiagnostic(
      'sigma',
      'missing-part',
      'error',
      'Unexpected end of rule, expected "detection", "correlation" or "filter"',
      nodes.position(start),
    ),
  );
  return [];
}

function parseSigma(input: ParseInput): ParsedQuery {
  const yaml = ruleYaml(input);
  const ctx: WalkContext = {
    nodes: yaml.nodes,
    diagnostics: [...yaml.diagnostics],
    placeholders: new Set(),
  };
  const stages = ruleStages(yaml, ctx);
  return {
    type: 'query',
    language: 'sigma',
    stages,
    logic: queryLogic(stages),
    diagnostics: ctx.diagnostics,
    dataSources: dataSources(yaml),
    unresolved: [...ctx.placeholders],
  };
}

export const sigmaLanguage = defineLanguage({
  emit: emitSigma,
  id: 'sigma',
  label: 'Sigma',
  highlight: { keywords: words('and or not of all them 1 any') },
  parse: parseSigma,
});
