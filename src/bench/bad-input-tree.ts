/**
 * Builds the bad-input source the reliability test and the benchmark ingest: the project's bad-input corpus,
 * its two generated giants, and the file-system cases (unreadable file and folder, a name that is not UTF-8,
 * UTF-16, links, a FIFO).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's bad-input corpus (`test/bad-inputs`), from `src/bench` or `dist/bench`. */
export const BAD_INPUTS = fileURLToPath(new URL('../../test/bad-inputs', import.meta.url));

/** The file-system cases, below `fs/` of the tree; paths as the ingest stores them. */
export const FS_CASES = {
  unreadableFile: 'fs/unreadable.yml',
  unreadableFolder: 'fs/locked',
  folderRule: 'fs/locked/kept.yml',
  latin1: 'fs/caf\\xE9.yml',
  utf16le: 'fs/utf16-le.yml',
  utf16be: 'fs/utf16-be.yml',
  invalidUtf8: 'fs/invalid-utf8.yml',
  fifo: 'fs/pipe.yml',
  linkOutside: 'fs/link-outside.yml',
  linkLoop: 'fs/link-loop',
  linkBroken: 'fs/link-broken.yml',
  linkDuplicate: 'fs/link-duplicate.yml',
  linkFollowed: 'fs/link-followed.yml',
};

/** A Sigma rule titled `title`. */
export function sigmaRule(title: string): string {
  return `title: ${title}\nlogsource:\n  product: windows\n  category: process_creation\ndetection:\n  selection:\n    Image|endswith: '\\\\${title.replace(/\W/g, '')}.exe'\n  condition: selection\nlevel: low\n`;
}

/** The bad-input corpus and its giants (a 10 MB Sigma title, 5,000 KQL queries in one Markdown file). */
export function writeBadInputs(dir: string): void {
  cpSync(BAD_INPUTS, dir, { recursive: true });
  writeFileSync(join(dir, 'sigma', 'ten-megabytes.yml'), `title: ${'x'.repeat(10 * 1024 * 1024)}\n`);
  const blocks = Array.from(
    { length: 5000 },
    (_, i) => `## Query ${i}\n\n\`\`\`KQL\nDeviceProcessEvents\n| where FileName == "tool${i}.exe"\n\`\`\`\n`,
  );
  writeFileSync(
    join(dir, 'kql', 'five-thousand-queries.md'),
    `# Five thousand queries\n\n${blocks.join('\n')}`,
  );
}

/**
 * The file-system cases below `dir/fs`, all readable: `lockFileSystemCases` then adds the unreadable ones,
 * so that a first ingest can store the locked folder's rules and a second must keep them.
 */
export function writeFileSystemCases(dir: string): void {
  const fs = join(dir, 'fs');
  mkdirSync(join(fs, 'locked'), { recursive: true });
  mkdirSync(join(fs, 'node_modules'), { recursive: true });
  writeFileSync(join(fs, 'locked', 'kept.yml'), sigmaRule('Kept in a locked folder'));
  writeFileSync(Buffer.from(`${fs}/caf\xe9.yml`, 'latin1'), sigmaRule('Latin1 name'));
  const utf16 = Buffer.from(sigmaRule('UTF16 little endian'), 'utf16le');
  writeFileSync(join(fs, 'utf16-le.yml'), Buffer.concat([Buffer.from([0xff, 0xfe]), utf16]));
  const utf16be = Buffer.from(sigmaRule('UTF16 big endian'), 'utf16le').swap16();
  writeFileSync(join(fs, 'utf16-be.yml'), Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]));
  const invalid = Buffer.from(sigmaRule('Invalid UTF8 caf\u00e9'), 'latin1');
  writeFileSync(join(fs, 'invalid-utf8.yml'), invalid);
  writeFileSync(join(fs, 'node_modules', 'shared.yml'), sigmaRule('Reached through a link'));
  symlinkSync('/etc/hostname', join(fs, 'link-outside.yml'));
  symlinkSync('.', join(fs, 'link-loop'));
  symlinkSync('missing.yml', join(fs, 'link-broken.yml'));
  symlinkSync('utf16-le.yml', join(fs, 'link-duplicate.yml'));
  symlinkSync('node_modules/shared.yml', join(fs, 'link-followed.yml'));
  execFileSync('mkfifo', [join(fs, 'pipe.yml')]);
}

/**
 * Writes the unreadable file (new, so that the ingest must open it) and takes read permission from it and
 * from the folder: only a user other than root feels it.
 */
export function lockFileSystemCases(dir: string): void {
  writeFileSync(join(dir, FS_CASES.unreadableFile), sigmaRule('Unreadable file'));
  chmodSync(join(dir, FS_CASES.unreadableFile), 0o000);
  chmodSync(join(dir, FS_CASES.unreadableFolder), 0o000);
}

/** Gives the permissions back, so the tree can be removed. */
export function unlockFileSystemCases(dir: string): void {
  chmodSync(join(dir, FS_CASES.unreadableFile), 0o644);
  chmodSync(join(dir, FS_CASES.unreadableFolder), 0o755);
}
