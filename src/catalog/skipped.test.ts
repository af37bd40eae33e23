/** A folder of KQL hunting collections: no file that holds a query is skipped, and skipped files come with reasons. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from './catalog.js';

let root: string;
let catalog: Catalog;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ruleatlas-skipped-'));
  const src = join(root, 'hunting');
  mkdirSync(join(src, 'Defender'), { recursive: true });
  writeFileSync(
    join(src, 'Defender', 'bad-ip.kql'),
    '// Microsoft Sentinel query\nSigninLogs\n| where IPAddress == "203.0.113.7"\n\n// Advanced Hunting query\nAADSignInEventsBeta\n| where IPAddress == "203.0.113.7"\n',
  );
  writeFileSync(
    join(src, 'Defender', 'broken.txt'),
    'DeviceProcessEvents\n| where FileName =~ "cmd.exe" and (\n',
  );
  writeFileSync(
    join(src, 'Defender', 'logons'),
    'DeviceLogonEvents\n| where LogonType == "RemoteInteractive"\n',
  );
  writeFileSync(
    join(src, 'Defender', 'no-fence.md'),
    '# Office spawns cmd\n## Query\nDeviceProcessEvents\n| where InitiatingProcessFileName =~ "winword.exe"\n',
  );
  writeFileSync(join(src, 'README.md'), '# Hunting queries\nA collection.\n');
  writeFileSync(join(src, 'notes.txt'), 'Remember to rotate the keys.\n');
  writeFileSync(join(src, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
  catalog = Catalog.open(join(root, 'catalog.db'));
});

afterEach(() => {
  catalog.close();
  rmSync(root, { recursive: true, force: true });
});

describe('skipped files', () => {
  it('reads every file that holds a query and gives the others a reason', async () => {
    await catalog.ingest(join(root, 'hunting'), { name: 'hunting' });
    const [stats] = catalog.sources();
    expect(stats.rules).toBe(5);
    expect(stats.errors).toBe(1);
    expect(stats.skipped).toBe(3);
    expect(catalog.skippedByReason(['hunting'])).toEqual({
      binary: 1,
      'no reader takes .md files': 1,
      'no reader takes .txt files': 1,
    });
  });
});
