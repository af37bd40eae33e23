/** Finds the web address of a source's git remote, for links from rule pages to their files. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The `origin` URL of the checkout holding `dir`, as an https address, or undefined. Reads .git/config; runs nothing. */
export function gitRemote(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    const config = join(d, '.git', 'config');
    if (existsSync(config)) return originUrl(readFileSync(config, 'utf8'));
    if (dirname(d) === d) return undefined;
  }
}

function originUrl(config: string): string | undefined {
  const section = config.split(/^\[/m).find((s) => s.startsWith('remote "origin"]'));
  const url = section?.match(/^\s*url\s*=\s*(.+)$/m)?.[1].trim();
  if (!url) return undefined;
  const ssh = url.match(/^git@([^:]+):(.+?)(\.git)?$/);
  if (ssh) return `https://${ssh[1]}/${ssh[2]}`;
  return /^https?:\/\//.test(url) ? url.replace(/\.git$/, '') : undefined;
}
