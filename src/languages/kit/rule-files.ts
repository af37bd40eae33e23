/** The rule files a query is wrapped in for `--format rule`: Elastic TOML, Splunk detection YAML, Sentinel analytic YAML. */
import { stringify as toml } from 'smol-toml';
import { stringify as yaml } from 'yaml';
import type { EmitInput, EmitMetadata, Emitted, Loss } from '../emit.js';
import { writeInfix, type InfixSyntax } from './infix.js';

const ELASTIC_TYPES: Record<string, string> = { eql: 'eql', kuery: 'query', lucene: 'query', esql: 'esql' };
const RISK: Record<string, number> = { informational: 21, low: 21, medium: 47, high: 73, critical: 99 };

function attackUrl(id: string): string {
  return `https://attack.mitre.org/${id.startsWith('TA') ? 'tactics' : 'techniques'}/${id.replace('.', '/')}/`;
}

function elasticThreat(m: EmitMetadata): unknown[] {
  return m.threat.map((t) => ({
    framework: 'MITRE ATT&CK',
    technique: t.techniques.map((x) => ({ id: x.id, name: x.name, reference: attackUrl(x.id) })),
    tactic: { id: t.tactic.id, name: t.tactic.name, reference: attackUrl(t.tactic.id) },
  }));
}

function severity(m: EmitMetadata): string {
  const s = (m.severity ?? 'medium').toLowerCase();
  return s in RISK ? (s === 'informational' ? 'low' : s) : 'medium';
}

/** An Elastic detection-rules TOML rule: `[metadata]`, `[rule]` with the query and `[[rule.threat]]`. */
export function elasticRule({ metadata: m, scope }: EmitInput, language: string, query: string): string {
  const rule: Record<string, unknown> = {
    author: m.authors.length > 0 ? m.authors : ['ruleatlas'],
    description: m.description ?? m.title,
    ...(language === 'esql' ? {} : { index: scope.indexes ?? ['logs-*'] }),
    language,
    license: 'Elastic License v2',
    name: m.title,
    ...(m.references.length > 0 ? { references: m.references } : {}),
    risk_score: RISK[severity(m)],
    rule_id: m.id,
    severity: severity(m),
    tags: m.tags,
    type: ELASTIC_TYPES[language],
    query,
    ...(m.threat.length > 0 ? { threat: elasticThreat(m) } : {}),
  };
  const date = (m.date ?? '1970/01/01').replace(/-/g, '/');
  return `${toml({ metadata: { creation_date: date, maturity: 'development' }, rule })}\n`;
}

/** A Splunk security_content detection: `search` with the query, ATT&CK ids under `tags.mitre_attack_id`. */
export function splunkDetection({ metadata: m }: EmitInput, search: string): string {
  return yaml(
    {
      name: m.title,
      id: m.id,
      version: 1,
      date: m.date ?? '1970-01-01',
      author: m.authors.join(', ') || 'ruleatlas',
      status: 'experimental',
      type: 'TTP',
      description: m.description ?? m.title,
      search,
      how_to_implement: '',
      known_false_positives: (m.falsepositives ?? []).join('; '),
      references: m.references,
      tags: {
        mitre_attack_id: m.threat.flatMap((t) => t.techniques.map((x) => x.id)),
        security_domain: 'endpoint',
      },
    },
    { lineWidth: 0 },
  );
}

/** A Sentinel scheduled analytic: `query`, `tactics` (CamelCase names) and `relevantTechniques`. */
export function sentinelAnalytic({ metadata: m }: EmitInput, query: string): string {
  const tactics = m.threat.map((t) => t.tactic.name.replace(/[^A-Za-z]/g, ''));
  return yaml(
    {
      id: m.id,
      name: m.title,
      description: m.description ?? m.title,
      severity: severity(m).replace(/^./, (c) => c.toUpperCase()),
      requiredDataConnectors: [],
      queryFrequency: '1h',
      queryPeriod: '1h',
      triggerOperator: 'gt',
      triggerThreshold: 0,
      tactics,
      relevantTechniques: [...new Set(m.threat.flatMap((t) => t.techniques.map((x) => x.id)))],
      query,
      version: '1.0.0',
      kind: 'Scheduled',
    },
    { lineWidth: 0 },
  );
}

/** A query-string language's conversion (kuery, Lucene): the infix query alone, or inside an Elastic rule. */
export function emitElasticQueryString(
  input: EmitInput,
  language: 'kuery' | 'lucene',
  syntax: InfixSyntax,
): Emitted {
  const losses: Loss[] = [];
  const query = writeInfix(input.condition, syntax, losses);
  if (input.format === 'query') return { text: `${query}\n`, losses };
  return { text: elasticRule(input, language, query), losses };
}
