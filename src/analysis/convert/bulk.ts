/** A converted collection: file names for converted rules and the summary (converted, lossless, lossy by reason). */
import type { LanguageId } from '../../model/ids.js';
import type { RuleDocument } from '../../model/rule.js';
import type { Conversion } from './convert.js';

export interface BulkSummary {
  converted: number;
  lossless: number;
  lossy: number;
  /** Rules with no text at all (no query, does not parse). */
  failed: number;
  /** Each reason with the number of lossy rules that have it (a rule counts once per reason). */
  lossyByReason: Array<{ reason: string; rules: number }>;
}

const EXTENSIONS: Record<LanguageId, { query: string; rule: string }> = {
  sigma: { query: 'yml', rule: 'yml' },
  spl: { query: 'spl', rule: 'yml' },
  eql: { query: 'eql', rule: 'toml' },
  kuery: { query: 'kql', rule: 'toml' },
  lucene: { query: 'lucene', rule: 'toml' },
  esql: { query: 'esql', rule: 'toml' },
  kusto: { query: 'kql', rule: 'yaml' },
  yaral: { query: 'yaral', rule: 'yaral' },
};

/** A file name from the rule's path, safe on every file system, with the target's extension. */
export function convertedFileName(rule: RuleDocument, target: LanguageId, format: 'query' | 'rule'): string {
  const base = `${rule.file.path}${rule.id.includes('#') ? `-${rule.id.slice(rule.id.lastIndexOf('#') + 1)}` : ''}`;
  const safe = base.replace(/\.[a-z]+$/i, '').replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${safe}.${EXTENSIONS[target][format]}`;
}

/** The kind of a loss, for counting: its reason without quoted values. */
function reasonOf(why: string): string {
  return why.replace(/"[^"]*"/g, '…');
}

export function bulkSummary(conversions: readonly Conversion[]): BulkSummary {
  const byReason = new Map<string, number>();
  let lossless = 0;
  let failed = 0;
  for (const c of conversions) {
    if (c.text === '') failed++;
    else if (c.lossless) lossless++;
    if (c.lossless || c.text === '') continue;
    const reasons = new Set(c.losses.map((l) => reasonOf(l.why)));
    if (reasons.size === 0) reasons.add('does not round-trip equivalent');
    for (const r of reasons) byReason.set(r, (byReason.get(r) ?? 0) + 1);
  }
  return {
    converted: conversions.length - failed,
    lossless,
    lossy: conversions.length - failed - lossless,
    failed,
    lossyByReason: [...byReason]
      .map(([reason, rules]) => ({ reason, rules }))
      .sort((a, b) => b.rules - a.rules),
  };
}
