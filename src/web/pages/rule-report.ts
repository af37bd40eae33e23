/** The rule page's data: the CLI's `ruleReport()` (the same JSON as `show --json`) plus what only the page adds. */
import type { RuleView } from '../../catalog/views.js';
import type { RuleDocument } from '../../model/rule.js';
import type { RuleAttack } from '../../knowledge/attack/index.js';
import { ATTACK_NOT_LOADED } from '../../knowledge/attack/index.js';
import { ruleReport, type ReportIndicator } from '../../cli/rule-report.js';
import { repositoryFileHref } from '../links.js';
import { safeHttpUrl } from '../markup.js';
import type { Site } from '../site.js';

export interface ReportStage {
  index: number;
  kind: string;
  name?: string;
  parent?: number;
  text: string;
  /** The file column the stage's text starts at, so a page can show it with its indentation. */
  column?: number;
  predicates: Array<{
    field: string | null;
    op: string;
    values: string[];
    negated: boolean;
    caseSensitive: boolean;
    all: boolean;
    scope?: string;
    modifiers?: string[];
  }>;
  terms: string[];
}

/** The fields of `ruleReport()`'s document the page reads, typed. */
export interface RuleReport {
  key: string;
  id: string;
  title: string;
  format: string;
  language: string | null;
  status: string | null;
  severity: string | null;
  authors: string[];
  description: string | null;
  references: string[];
  context: Record<string, string | string[]>;
  source: { name: string; path: string };
  file: RuleDocument['file'];
  attack: RuleAttack;
  events: Array<{ provider: string; event: string; title: string }>;
  stages: ReportStage[];
  terms: Array<{ stage: number; value: string; quoted: boolean; negated: boolean }>;
  indicators: ReportIndicator[];
  diagnostics: Array<{ severity: string; message: string; line: number; column: number }>;
}

export interface RulePageData extends RuleReport {
  raw: string;
  remote: string | null;
  /** The file in its repository's web view; null when the source has no remote. */
  link: string | null;
  summary: string;
  logSource: string;
  attackVersion: string;
  attackFull: boolean;
  attackNotice: string | null;
}

/** The description's first sentence, as the seed pages' one-line summary. */
export function summaryOf(description: string | null): string {
  const text = (description ?? '').replace(/\s+/g, ' ').trim();
  const end = text.search(/[.!?](\s|$)/);
  const sentence = end > 0 ? text.slice(0, end + 1) : text;
  return sentence.length > 240 ? `${sentence.slice(0, 239)}…` : sentence;
}

/** `product windows, category process_creation`: the rule's context, whatever its format calls it. */
export function logSourceOf(context: Record<string, string | string[]>): string {
  return Object.entries(context)
    .filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== ''))
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') : v}`)
    .join('; ');
}

function fileLink(site: Site, view: RuleView): string | null {
  const remote = view.remote ? safeHttpUrl(view.remote) : undefined;
  if (!remote) return null;
  const prefix = site.catalog.sourceFacts(view.source)?.prefix ?? '';
  return repositoryFileHref(remote, prefix, view.document.file.path);
}

export function rulePageData(site: Site, ref: string): RulePageData | undefined {
  const view = site.catalog.rule(ref);
  if (!view) return undefined;
  const attack = site.attack();
  const report = ruleReport({ ...view, key: view.key }, attack.data) as unknown as RuleReport;
  const columns = new Map((view.query?.stages ?? []).map((s) => [s.index, s.span?.start.column]));
  return {
    ...report,
    stages: report.stages.map((s) => ({ ...s, column: columns.get(s.index) })),
    raw: view.document.raw,
    remote: view.remote,
    link: fileLink(site, view),
    summary: summaryOf(report.description),
    logSource: logSourceOf(report.context),
    attackVersion: attack.data.version,
    attackFull: attack.full,
    attackNotice: attack.full ? null : ATTACK_NOT_LOADED,
  };
}
