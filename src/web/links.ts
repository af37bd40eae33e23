/** Addresses inside the web catalog: every path segment and query value percent-encoded. */
import type { IndicatorKey } from '../catalog/views.js';

export function ruleHref(key: string): string {
  return `/rule/${encodeURIComponent(key)}`;
}

export function sourceHref(name: string): string {
  return `/source/${encodeURIComponent(name)}`;
}

export function techniqueHref(id: string): string {
  return `/technique/${encodeURIComponent(id)}`;
}

export function indicatorHref(i: IndicatorKey): string {
  return `/indicator?${query({ kind: i.kind, canonical: i.canonical, op: i.op, value: i.value })}`;
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

/**
 * The file in its repository's web view. The remote comes from the checkout's git config, and `prefix` is
 * the source root's place inside the checkout, so the link points at the same file the catalog read.
 */
export function repositoryFileHref(remote: string, prefix: string, path: string): string {
  const segments = [...prefix.split('/'), ...path.split('/')].filter(Boolean).map(encodeURIComponent);
  return `${remote.replace(/\/+$/, '')}/blob/HEAD/${segments.join('/')}`;
}
