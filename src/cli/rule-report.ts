/** One rule as explain and show report it: the SPEC's JSON shape, and the same as text like the seed pages. */
import type { Diagnostic } from '../model/diagnostic.js';
import type { RuleDocument } from '../model/rule.js';
import type { ParsedQuery } from '../model/stage.js';
import type { EventRef } from '../knowledge/events/index.js';
import { resolveAttack, type AttackData, type RuleAttack } from '../knowledge/attack/index.js';
import { print } from './output.js';

export interface ReportIndicator {
  field: string | null;
  canonical: string;
  op: string;
  value: string;
  kind: string;
  count?: number;
  byLanguage?: Record<string, number>;
  equivalentCount?: number;
  equivalentByLanguage?: Record<string, number>;
}

export interface RuleReportInput {
  key?: string;
  document: RuleDocument;
  query: ParsedQuery | null;
  events: EventRef[];
  indicators: ReportIndicator[];
  diagnostics: Diagnostic[];
}

export function ruleReport(input: RuleReportInput, attack: AttackData): Record<string, unknown> {
  const { document: d, query } = input;
  const resolved: RuleAttack = resolveAttack(d.attack, attack);
  return {
    ...(input.key ? { key: input.key } : {}),
    id: d.id,
    title: d.title,
    format: d.format,
    language: d.language,
    status: d.status ?? null,
    severity: d.severity ?? null,
    authors: d.authors,
    description: d.description ?? null,
    references: d.references,
    context: d.context,
    source: { name: d.source.name, path: d.source.path },
    file: d.file,
    attack: resolved,
    events: input.events,
    stages: (query?.stages ?? []).map((s) => ({
      index: s.index,
      kind: s.kind,
      ...(s.name ? { name: s.name } : {}),
      ...(s.parent !== undefined ? { parent: s.parent } : {}),
      text: s.text,
      predicates: s.predicates.map((p) => ({
        field: p.field,
        op: p.op,
        values: p.values,
        negated: p.negated,
        caseSensitive: p.caseSensitive,
        all: p.all,
        ...(p.scope ? { scope: p.scope } : {}),
        ...(p.derivedFrom ? { derivedFrom: p.derivedFrom } : {}),
        ...(p.modifiers?.length ? { modifiers: p.modifiers } : {}),
      })),
      terms: s.terms.map((t) => t.value),
    })),
    terms: (query?.stages ?? []).flatMap((s) =>
      s.terms.map((t) => ({ stage: t.stage, value: t.value, quoted: t.quoted, negated: t.negated })),
    ),
    dataSources: query?.dataSources ?? [],
    unresolved: query?.unresolved ?? [],
    indicators: input.indicators,
    diagnostics: input.diagnostics.map((x) => ({
      severity: x.severity,
      message: x.message,
      line: x.line,
      column: x.column,
    })),
  };
}

function countText(i: ReportIndicator): string {
  if (i.count === undefined) return '';
  const by = Object.entries(i.byLanguage ?? {})
    .map(([l, n]) => `${l} ${n}`)
    .join(', ');
  const exact = i.count === 0 ? 'specific to this rule' : `corpus ${i.count}${by ? ` (${by})` : ''}`;
  const eq =
    i.equivalentCount !== undefined && i.equivalentCount !== i.count
      ? `; with equivalents ${i.equivalentCount}`
      : '';
  return `  ${exact}${eq}`;
}

/** The rule as text, in the seed page's section order. */
export function printRuleReport(r: ReturnType<typeof ruleReport>): void {
  const attack = r.attack as RuleAttack;
  const file = r.file as RuleDocument['file'];
  print(`${r.title as string}`);
  print(
    `  ${r.language ?? 'no query'} · ${r.format as string} · ${file.path} (${file.lines} lines, ${file.bytes} bytes, ${file.format})`,
  );
  if (r.status || r.severity) print(`  status ${r.status ?? '-'} · severity ${r.severity ?? '-'}`);
  if (attack.tactics.length) {
    print('\nMITRE ATT&CK coverage');
    for (const t of attack.tactics)
      print(
        `  ${t.name}${t.declared ? ' (declared)' : ''}: ${t.techniques.map((id) => `${id} ${attack.techniques.find((x) => x.id === id)?.name ?? ''}`.trim()).join(', ')}`,
      );
  }
  const unplaced = attack.techniques.filter((t) => t.tactics.length === 0);
  for (const t of unplaced) print(`  (no tactic) ${t.id} ${t.name ?? ''} [${t.status}]`);
  const events = r.events as EventRef[];
  if (events.length) {
    print('\nEvent coverage');
    for (const e of events) print(`  ${e.provider} · ${e.event} · ${e.title}`);
  }
  print('\nStages and predicates');
  for (const s of r.stages as Array<Record<string, unknown>>) {
    print(
      `  Stage ${s.index as number}: ${s.kind as string}${s.name && s.name !== s.kind ? ` (${s.name as string})` : ''}`,
    );
    for (const p of s.predicates as Array<Record<string, unknown>>) {
      print(
        `    ${p.negated ? 'NOT ' : ''}${(p.field as string | null) ?? '(keyword)'} ${p.op as string}${p.all ? ' all' : ''} ${(p.values as string[]).join(', ')}`,
      );
    }
  }
  printIndicators(r.indicators as ReportIndicator[]);
  const terms = r.terms as Array<{ stage: number; value: string }>;
  if (terms.length) {
    print('\nSearch terms');
    for (const t of terms) print(`  ${t.stage}  ${t.value}`);
  }
  const diagnostics = r.diagnostics as Array<{
    severity: string;
    message: string;
    line: number;
    column: number;
  }>;
  if (diagnostics.length) {
    print('\nDiagnostics');
    for (const d of diagnostics) print(`  ${file.path}:${d.line}:${d.column} ${d.severity} ${d.message}`);
  }
}

function printIndicators(indicators: ReportIndicator[]): void {
  for (const kind of ['detection', 'exclusion']) {
    const list = indicators.filter((i) => i.kind === kind);
    if (!list.length) continue;
    print(kind === 'detection' ? '\nIndicators' : '\nExclusion indicators');
    for (const i of list)
      print(`  ${i.field ?? '(keyword)'} [${i.canonical}] ${i.op} ${i.value}${countText(i)}`);
  }
}
