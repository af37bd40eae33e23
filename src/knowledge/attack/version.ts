/** Names the ATT&CK release of a bundle: from its collection object, or dated by its newest change. */
import { readDataFile } from '../data-file.js';

interface ReleasesFile {
  releases: Array<{ version: string; date: string }>;
}

/**
 * The first release published on or after the day of the bundle's newest `modified` stamp: a release
 * contains only changes made before it. `unknown` when the bundle is newer than every known release.
 */
export function versionFromDate(newestModified: string | undefined): string {
  if (!newestModified) return 'unknown';
  const day = newestModified.slice(0, 10);
  const release = readDataFile<ReleasesFile>('attack-releases.json').releases.find((r) => r.date >= day);
  return release ? release.version : 'unknown';
}

/** `18` for `18.1`; undefined for `fallback` or `unknown`. */
export function majorVersion(version: string): string | undefined {
  const m = /^v?(\d+)/.exec(version);
  return m ? m[1] : undefined;
}

/** The version a bundle's file name states (`enterprise-attack-18.1.json.gz`), for callers that have one. */
export function versionFromFileName(name: string): string | undefined {
  const m = /(?:^|[^\d.])v?(\d{1,2}\.\d{1,2})\.json(?:\.gz)?$/i.exec(name);
  return m ? m[1] : undefined;
}
