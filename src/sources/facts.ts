/** The facts of a source, taken at ingest and stored: where its files live on the web, and which commit was read. */
import { statSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { checkoutOf, headCommit, originUrl } from './git.js';

export interface SourceFacts {
  /** The checkout's `origin` as an https address; null outside git or without one. */
  remote: string | null;
  /** Where the source's folder sits in its checkout, `/`-separated: `''` when it is the checkout's top. */
  prefix: string;
  /** The commit checked out when the source was read; null outside git. */
  head: string | null;
}

/** A source given as one file has the file's folder for its place in the checkout. */
export function sourceFacts(root: string): SourceFacts {
  const dir = statSync(root).isFile() ? dirname(root) : root;
  const checkout = checkoutOf(dir);
  if (!checkout) return { remote: null, prefix: '', head: null };
  return {
    remote: originUrl(checkout) ?? null,
    prefix: relative(checkout.top, dir).split(sep).join('/'),
    head: headCommit(checkout) ?? null,
  };
}
