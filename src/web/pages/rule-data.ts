/** The rule page's data: the rule report (the same JSON as `show --json`) plus what only the page adds. */
import type { RuleView } from '../../catalog/views.js';
import type { SimilarRule } from '../../catalog/relation-queries.js';
import { ATTACK_NOT_LOADED } from '../../knowledge/attack/index.js';
import { ruleReport, type RuleReport } from '../../analysis/report/index.js';
import { repositoryFileHref } from '../links.js';
import { safeHttpUrl } from '../markup.js';
import type { Site } from '../site.js';
import { ruleConversions, type ShownConversion } from './rule-conversions.js';

/** The rule report of a catalog rule, plus what only the page adds. */
export interface RulePageData extends RuleReport {
  key: string;
  raw: string;
  remote: string | null;
  /** The file in its repository's web view; null when the source has no remote. */
  link: string | null;
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
  const prefix = site.catalog.sourceFacts(view.source)?.prefix ?? '';
  return repositoryFileHref(remote, prefix, view.document.file.path);
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
    summary: summaryOf(report.description),
    logSource: logSourceOf(report.context),
    attackVersion: attack.data.version,
    attackFull: attack.full,
    attackNotice: attack.full ? null : ATTACK_NOT_LOADED,
    conversions: languages ? ruleConversions(view) : [],
    similar: site.catalog.similarByKey(view.key),
  };
}
