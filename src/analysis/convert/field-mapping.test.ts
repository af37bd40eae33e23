// Field names across schemas for fields the taxonomy does not know, or knows without a name in the target.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesFromFiles } from '../rule-files.js';
import { convertRule } from './convert.js';

function sigmaRule(logsource: string, selection: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ruleatlas-mapping-'));
  const text = `title: Mapping case\nid: 00000000-0000-4000-8000-000000000161\nstatus: test\nlogsource:\n${logsource}\ndetection:\n  selection:\n${selection}\n  condition: selection\nlevel: low\n`;
  writeFileSync(join(dir, 'rule.yml'), text);
  return rulesFromFiles([dir])[0];
}

describe('conversion field mapping', () => {
  it("keeps an application log's own field names, not Windows event data", () => {
    const rule = sigmaRule(
      '  product: opencanary\n  category: application',
      '    logtype: 2000\n    dst_port: 21',
    );
    const c = convertRule(rule, 'eql');
    expect(c.text).not.toContain('winlog.event_data');
    expect(c.text).toContain('logtype');
  });

  it('puts an unknown Windows field under winlogbeat event data, and loses a known concept ECS has no name for', () => {
    const unknown = convertRule(
      sigmaRule('  product: windows\n  category: registry_set', "    EventType: 'SetValue'"),
      'eql',
    );
    expect(unknown.text).toContain('winlog.event_data.EventType');
    const known = convertRule(
      sigmaRule(
        '  product: windows\n  category: process_access',
        "    SourceImage|endswith: '\\\\WerFaultSecure.exe'",
      ),
      'eql',
    );
    expect(known.lossless).toBe(false);
    expect(known.losses.map((l) => l.what)).toContain('field SourceImage');
  });
});
