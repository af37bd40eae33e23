/** The rule page's data: the rule report (the same JSON as `show --json`) plus what only the page adds. */
import type { RuleView } from '../../catalog/views.js';
import type { SimilarRule } from '../../catalog/relation-queries.js';
import { ATTACK_NOT_LOADED } from '../../knowledge/attack/index.js';
import { ruleReport, type RuleReport } from '../../analysis/report/index.js';
import { repositoryFileHref } from '../links.js';
import { safeHttpUrl } from '../markup.js';
import type { Site } from '../site.js';
import { ruleConversions, type ShownConversion } from './rule-conversions.js';
import { isDeprecated } from '../../knowledge/rules/lifecycle.js';

/** What an Elastic rule says of how it runs, and its investigation guide (Markdown, rendered on the page). */
export interface ElasticFacts {
  riskScore: number | null;
  ruleType: string | null;
  /** How often the rule runs (`5m`) and how far back each run looks (`now-9m`). */
  interval: string | null;
  from: string | null;
  guide: string | null;
}

/** The rule report of a catalog rule, plus what only the page adds. */
export interface RulePageData extends RuleReport {
  key: string;
  raw: string;
  remote: string | null;
  /** The rule in its repository's web view, at the commit ingested and its first line; null without a remote. */
  link: string | null;
  /** Marked wherever the rule is listed: its status or its folder says it is kept only for the record. */
  deprecated: boolean;
  created: string | null;
  updated: string | null;
  /** For Elastic rules; null for every other format. */
  elastic: ElasticFacts | null;
  summary: string;
  logSource: string;
  attackVersion: string;
  attackFull: boolean;
  attackNotice: string | null;
  /** The rule in every other language, with losses and the round trip's verdict. */
  conversions: ShownConversion[];
  /** Rules related by logic, the relation being theirs to this rule (`broader`: fires on all this one does, and more). */
  similar: SimilarRule[];
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
  const facts = site.catalog.sourceFacts(view.source);
  return repositoryFileHref(remote, {
    prefix: facts?.prefix ?? '',
    path: view.document.file.path,
    ref: facts?.head,
    line: view.document.rawStart.line,
  });
}

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value : null;
}

function elasticFacts(view: RuleView): ElasticFacts | null {
  const d = view.document;
  if (d.format !== 'elastic-rule') return null;
  const risk = Number(d.metadata.risk_score);
  const type = d.context.type;
  return {
    riskScore: d.metadata.risk_score !== undefined && Number.isFinite(risk) ? risk : null,
    ruleType: typeof type === 'string' && type ? type : null,
    interval: text(d.metadata.interval),
    from: text(d.metadata.from),
    guide: text(d.metadata.note),
  };
}

/**
 * `languages`: whether to write the rule in every other language. Seven emitters cost tens of milliseconds, so
 * the page does it when asked (`?languages=all`), and stays fast otherwise.
 */
export function rulePageData(site: Site, ref: string, languages = false): RulePageData | undefined {
  const view = site.catalog.rule(ref);
  if (!view) return undefined;
  const attack = site.attack();
  const report = ruleReport(view, attack.data);
  return {
    ...report,
    key: view.key,
    raw: view.document.raw,
    remote: view.remote,
    link: fileLink(site, view),
    deprecated: isDeprecated({ status: report.status, path: view.document.file.path }),
    created: view.document.date ?? null,
    updated: view.document.modified ?? null,
    elastic: elasticFacts(view),
    summary: summaryOf(report.description),
    logSource: logSourceOf(report.context),
    attackVersion: attack.data.version,
    attackFull: attack.full,
    attackNotice: attack.full ? null : ATTACK_NOT_LOADED,
    conversions: languages ? ruleConversions(view) : [],
    similar: site.catalog.similarByKey(view.key),
  };
}
