/** The recognise-then-read hand-off, per registered format: one recognition, plain data a parse worker can be sent. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FormatId } from '../model/ids.js';
import type { SourceFile } from './format.js';
import { readFile } from '../analysis/read-file.js';
import { formatReaders, readerOf, recognize } from './registry.js';

const examples = new URL('../../examples/', import.meta.url);
const example = (path: string): string => readFileSync(new URL(path, examples), 'utf8');

/** One file each registered format takes; a new format adds its own. */
const SAMPLES: Record<Exclude<FormatId, 'query'>, { path: string; text: string }> = {
  sigma: { path: 'r.yml', text: example('sigma/win_system_service_install_multi.yml') },
  'splunk-detection': { path: 'd.yml', text: example('splunk/detections/certutil_url_cache_download.yml') },
  'splunk-macros': { path: 'm.yml', text: example('splunk/macros/ruleatlas_ctime.yml') },
  'splunk-data-source': {
    path: 'data_sources/s.yml',
    text: 'name: Sysmon EventID 1\nid: x\nsource: XmlWinEventLog:Sysmon\nsourcetype: xmlwineventlog\nseparator: EventID\n',
  },
  analytic: {
    path: 'a.yml',
    text: 'id: x\ntitle: t\nlogic_format: Splunk\nlogic: index=main | stats count\n',
  },
  'elastic-rule': { path: 'e.toml', text: example('elastic/cloudtrail_trail_stopped.toml') },
  'elastic-hunt': {
    path: 'h.toml',
    text: '[hunt]\nuuid = "h-2"\nname = "Solo"\nlanguage = ["EQL"]\nquery = [\'\'\'any where true\'\'\']\n',
  },
  eqllib: {
    path: 'a.toml',
    text: "[analytic.metadata]\nid = \"a-1\"\nname = \"A\"\n\n[analytic]\nquery = '''\nnetwork where true\n'''\n",
  },
  sentinel: { path: 's.yaml', text: example('kql/bitsadmin-transfer-download.yaml') },
  'kql-file': { path: 'q.txt', text: '// Logons\nDeviceLogonEvents\n| where ActionType == "LogonFailed"\n' },
  'kql-markdown': { path: 'h.md', text: example('kql/suspicious-encoded-powershell.md') },
  yaral: { path: 'y.yaral', text: example('yaral/multi_rule_cloud.yaral') },
};

function sourceFile(sample: { path: string; text: string }): SourceFile {
  return { ...sample, bytes: Buffer.byteLength(sample.text), sourceName: 'test' };
}

describe('recognize then read', () => {
  it('has a sample for every registered format', () => {
    expect(formatReaders.map((r) => r.id).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  for (const [format, sample] of Object.entries(SAMPLES)) {
    it(`${format}: the recognition reads the same after a trip to another thread`, () => {
      const file = sourceFile(sample);
      const recognition = recognize(file);
      expect(recognition?.format).toBe(format);
      const here = readFile(file, recognition);
      const there = readFile(file, structuredClone(recognition));
      expect(here.rules.length + here.artifacts.length).toBeGreaterThan(0);
      expect(there.rules).toEqual(here.rules);
      expect(there.artifacts).toEqual(here.artifacts);
      expect(there.diagnostics).toEqual(here.diagnostics);
    });
  }

  it('hands the parser the script the Kusto probe made while recognising, without looking again', () => {
    const file = sourceFile(SAMPLES['kql-file']);
    const recognition = structuredClone(recognize(file)!);
    const result = readerOf(recognition).read(file, recognition.claim);
    expect(result.prepared?.[0]).toMatchObject({ language: 'kusto', text: file.text });
  });

  it('reads what the claim says, not the text again: a Markdown claim names the blocks to read', () => {
    const file = sourceFile(SAMPLES['kql-markdown']);
    const recognition = recognize(file)!;
    const claim = recognition.claim as { blocks: unknown[] };
    const all = readFile(file, recognition).rules.length;
    const first = readFile(file, { ...recognition, claim: { ...claim, blocks: claim.blocks.slice(0, 1) } });
    expect(all).toBeGreaterThan(1);
    expect(first.rules).toHaveLength(1);
  });
});
