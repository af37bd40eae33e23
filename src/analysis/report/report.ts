/** The rule report: one rule as `explain`, `show`, the rule page and its JSON twin give it (SPEC §5's shape). */
import type { RelatedIndicator } from '../related-indicators.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { FormatId, LanguageId } from '../../model/ids.js';
import type { CorpusCount, IndicatorKind } from '../../model/indicator.js';
import type { Predicate, SearchTerm } from '../../model/predicate.js';
import type { FileFacts, RuleDocument } from '../../model/rule.js';
import type { DataSourceRef, ParsedQuery, Stage } from '../../model/stage.js';
import type { EventRef } from '../../knowledge/events/index.js';
import { resolveAttack, type AttackData, type RuleAttack } from '../../knowledge/attack/index.js';

export type ReportPredicate = Pick<
  Predicate,
  'field' | 'op' | 'values' | 'negated' | 'caseSensitive' | 'all' | 'scope' | 'derivedFrom' | 'modifiers'
>;

export interface ReportStage {
  index: number;
  kind: string;
  name?: string;
  parent?: number;
  text: string;
  /** The file column the stage's text starts at, so a page can show it with its indentation. */
  column?: number;
  predicates: ReportPredicate[];
  /** The stage's search terms, as written. */
  terms: string[];
}

export type ReportTerm = Pick<SearchTerm, 'stage' | 'value' | 'quoted' | 'negated'>;

export type ReportDiagnostic = Pick<Diagnostic, 'severity' | 'message' | 'line' | 'column'>;

/** An indicator of the rule; corpus counts are there when a catalog was asked (and leave the rule out). */
export interface ReportIndicator extends Partial<CorpusCount> {
  field: string | null;
  canonical: string;
  op: string;
  value: string;
  kind: IndicatorKind;
  equivalence: string;
  /** With a catalog, for an indicator few other rules share: the nearest related ones. */
  related?: RelatedIndicator[];
}

export interface RuleReport {
  /** The rule's key in the catalog; absent for a file explained on its own. */
  key?: string;
  id: string;
  title: string;
  format: FormatId;
  language: LanguageId | null;
  status: string | null;
  severity: string | null;
  authors: string[];
  description: string | null;
  references: string[];
  context: Record<string, string | string[]>;
  source: { name: string; path: string };
  file: FileFacts;
  attack: RuleAttack;
  events: EventRef[];
  stages: ReportStage[];
  terms: ReportTerm[];
  dataSources: DataSourceRef[];
  unresolved: string[];
  indicators: ReportIndicator[];
  diagnostics: ReportDiagnostic[];
  /** A catalog rule's text as it stands in its file. */
  raw?: string;
  /** A catalog rule's repository (from its checkout's git config), null when it has none. */
  remote?: string | null;
}

export interface RuleReportInput {
  document: RuleDocument;
  query: ParsedQuery | null;
  events: EventRef[];
  indicators: ReportIndicator[];
  /** Reader and parser diagnostics together. */
  diagnostics: Diagnostic[];
  /** Given for a rule read from the catalog: the report then carries its key, raw text and remote. */
  key?: string;
  remote?: string | null;
}

function reportStage(s: Stage): ReportStage {
  return {
    index: s.index,
    kind: s.kind,
    ...(s.name ? { name: s.name } : {}),
    ...(s.parent !== undefined ? { parent: s.parent } : {}),
    text: s.text,
    ...(s.span ? { column: s.span.start.column } : {}),
    predicates: s.predicates.map(reportPredicate),
    terms: s.terms.map((t) => t.value),
  };
}

function reportPredicate(p: Predicate): ReportPredicate {
  return {
    field: p.field,
    op: p.op,
    values: p.values,
    negated: p.negated,
    caseSensitive: p.caseSensitive,
    all: p.all,
    ...(p.scope ? { scope: p.scope } : {}),
    ...(p.derivedFrom ? { derivedFrom: p.derivedFrom } : {}),
    ...(p.modifiers?.length ? { modifiers: p.modifiers } : {}),
  };
}

/** Only the report's fields, whatever else the caller's indicators carry (a language, a stage). */
function reportIndicator(i: ReportIndicator): ReportIndicator {
  const { field, canonical, op, value, kind, equivalence } = i;
  const counts =
    i.count === undefined
      ? {}
      : {
          count: i.count,
          byLanguage: i.byLanguage ?? {},
          ...(i.equivalentCount !== undefined
            ? { equivalentCount: i.equivalentCount, equivalentByLanguage: i.equivalentByLanguage ?? {} }
            : {}),
        };
  return {
    field,
    canonical,
    op,
    value,
    kind,
    equivalence,
    ...counts,
    ...(i.related?.length ? { related: i.related } : {}),
  };
}

/** Builds the report; ATT&CK ids are resolved against the data the caller loaded. */
export function ruleReport(input: RuleReportInput, attack: AttackData): RuleReport {
  const { document: d, query } = input;
  const stages = query?.stages ?? [];
  return {
    ...(input.key !== undefined ? { key: input.key } : {}),
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
    attack: resolveAttack(d.attack, attack),
    events: input.events,
    stages: stages.map(reportStage),
    terms: stages.flatMap((s) =>
      s.terms.map((t) => ({ stage: t.stage, value: t.value, quoted: t.quoted, negated: t.negated })),
    ),
    dataSources: query?.dataSources ?? [],
    unresolved: query?.unresolved ?? [],
    indicators: input.indicators.map(reportIndicator),
    diagnostics: input.diagnostics.map((x) => ({
      severity: x.severity,
      message: x.message,
      line: x.line,
      column: x.column,
    })),
    ...(input.key !== undefined ? { raw: d.raw, remote: input.remote ?? null } : {}),
  };
}
