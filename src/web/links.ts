/** Addresses inside the web catalog: every path segment and query value percent-encoded. */
import type { IndicatorKey } from '../catalog/views.js';
import { readDataFile } from '../knowledge/data-file.js';
import { MAX_LINKED_VALUE, valueDigest } from '../text/value-digest.js';

export function ruleHref(key: string): string {
  return `/rule/${encodeURIComponent(key)}`;
}

export function sourceHref(name: string): string {
  return `/source/${encodeURIComponent(name)}`;
}

export function techniqueHref(id: string): string {
  return `/technique/${encodeURIComponent(id)}`;
}

/** A value too long for a URL the server accepts travels as its digest, which the indicator page resolves. */
export function indicatorHref(i: IndicatorKey): string {
  const value = i.value.length > MAX_LINKED_VALUE ? { digest: valueDigest(i.value) } : { value: i.value };
  return `/indicator?${query({ kind: i.kind, canonical: i.canonical, op: i.op, ...value })}`;
}

/** A query parameter's value: a list repeats the name (`language=sigma&language=eql`). */
export type QueryValue = string | number | undefined | null | readonly string[];

/** A query string from the non-empty entries, in the given order. */
export function query(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    const values = Array.isArray(v) ? v : [v];
    for (const one of values)
      if (one !== undefined && one !== null && one !== '') search.append(k, String(one));
  }
  return search.toString();
}

export function searchHref(params: Record<string, QueryValue>): string {
  const q = query(params);
  return q ? `/search?${q}` : '/search';
}

export function attackHref(
  params: { source?: string; language?: string; have?: string; without?: string },
  layer = false,
): string {
  const q = query(params);
  return `/attack${layer ? '/layer.json' : ''}${q ? `?${q}` : ''}`;
}

interface RepositoryHosts {
  hosts: Array<{ match: string; blob: string }>;
  default: string;
}

/** Where a file sits: the source's place in its checkout, the commit read at ingest and the rule's first line. */
export interface RepositoryPlace {
  prefix: string;
  path: string;
  /** The head commit stored at ingest; `HEAD` when the source was not read from a checkout. */
  ref?: string | null;
  line?: number;
}

/**
 * The file in its repository's web view, at the line the rule starts. The remote comes from the checkout's git
 * config (or `ingest --remote`), and `prefix` is the source root's place inside the checkout, so the link points
 * at the same file, at the same commit, the catalog read.
 */
export function repositoryFileHref(remote: string, place: RepositoryPlace): string {
  const base = remote.replace(/\/+$/, '');
  const segments = [...place.prefix.split('/'), ...place.path.split('/')]
    .filter(Boolean)
    .map(encodeURIComponent);
  const hosts = readDataFile<RepositoryHosts>('repository-hosts.json');
  const host = hostOf(base);
  const pattern = hosts.hosts.find((h) => host.includes(h.match))?.blob ?? hosts.default;
  const fill: Record<string, string> = {
    remote: base,
    ref: encodeURIComponent(place.ref || 'HEAD'),
    path: segments.join('/'),
    line: String(Math.max(1, place.line ?? 1)),
  };
  return pattern.replace(/\{(\w+)\}/g, (_, name: string) => fill[name] ?? '');
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}
