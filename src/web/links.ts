/** Addresses inside the web catalog: every path segment and query value percent-encoded. */
import type { IndicatorKey } from '../catalog/views.js';
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

/** A query string from the non-empty entries, in the given order. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  return search.toString();
}

export function searchHref(params: Record<string, string | number | undefined | null>): string {
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

/**
 * The file in its repository's web view. The remote comes from the checkout's git config, and `prefix` is
 * the source root's place inside the checkout, so the link points at the same file the catalog read.
 */
export function repositoryFileHref(remote: string, prefix: string, path: string): string {
  const segments = [...prefix.split('/'), ...path.split('/')].filter(Boolean).map(encodeURIComponent);
  return `${remote.replace(/\/+$/, '')}/blob/HEAD/${segments.join('/')}`;
}
