/** `ruleatlas mcp` as a client sees it: a real stdio child process driven by the SDK's own client. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplesRoot } from './corpus.js';

const CLI = resolve('dist/cli/main.js');
const work = mkdtempSync(join(tmpdir(), 'ruleatlas-mcp-'));
const db = join(work, 'catalog.db');
const client = new Client({ name: 'ruleatlas-test', version: '1.0.0' });
const bitsadmin = join(examplesRoot, 'sigma', 'proc_creation_win_bitsadmin_transfer.yml');

type Structured = Record<string, unknown> & { [key: string]: any };

async function call(name: string, args: Record<string, unknown>): Promise<Structured> {
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError ?? false).toBe(false);
  return result.structuredContent as Structured;
}

describe.skipIf(!existsSync(CLI))('ruleatlas mcp', () => {
  beforeAll(async () => {
    const ingest = spawnSync(process.execPath, [
      CLI,
      'ingest',
      examplesRoot,
      '--name',
      'examples',
      '--db',
      db,
      '--jobs',
      '0',
    ]);
    expect(ingest.status).toBe(0);
    await client.connect(
      new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', '--db', db], stderr: 'pipe' }),
    );
  }, 60_000);

  afterAll(async () => {
    await client.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('lists its tools with input and output schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'coverage',
      'explain_rule',
      'hunt',
      'indicators',
      'search',
      'show_rule',
    ]);
    const search = tools.find((t) => t.name === 'search')!;
    expect(search.inputSchema.properties).toHaveProperty('technique');
    expect(search.outputSchema?.properties).toHaveProperty('total');
  });

  it('searches the catalog, and reads a rule it found as a resource', async () => {
    const found = await call('search', { text: 'bitsadmin', language: 'sigma' });
    expect(found.total).toBe(1);
    expect(found.rules[0]).toMatchObject({ language: 'sigma', title: expect.stringMatching(/bitsadmin/i) });
    const uri = `ruleatlas://rule/${encodeURIComponent(found.rules[0].key)}`;
    const read = await client.readResource({ uri });
    const content = read.contents[0];
    const rule = JSON.parse('text' in content ? content.text : '');
    expect(rule.key).toBe(found.rules[0].key);
    expect(rule.attack.techniques.map((t: { id: string }) => t.id)).toContain('T1197');
  });

  it('explains a rule file by path and a pasted query by its language', async () => {
    const byPath = await call('explain_rule', { path: bitsadmin });
    expect(byPath).toMatchObject({ recognized: true, parsed: true });
    const rule = byPath.rules[0];
    expect(rule.attack.techniques.find((t: { id: string }) => t.id === 'T1197')).toMatchObject({
      name: 'BITS Jobs',
    });
    expect(rule.events.map((e: { provider: string; event: string }) => `${e.provider} ${e.event}`)).toContain(
      'Sysmon Event ID 1',
    );
    expect(
      rule.indicators.some(
        (i: { value: string; count?: number }) => i.value.includes('bitsadmin') && i.count === 1,
      ),
    ).toBe(true);
    const pasted = await call('explain_rule', {
      text: 'process where process.name == "bitsadmin.exe" and process.args : "/transfer"',
      language: 'eql',
      fileName: 'query.txt',
    });
    expect(pasted.parsed).toBe(true);
    expect(pasted.rules[0].stages[0].predicates.map((p: { field: string }) => p.field)).toEqual([
      'process.name',
      'process.args',
    ]);
  });

  it('answers coverage without a log, and hunts pasted events', async () => {
    const without = await call('coverage', { without: 'sysmon;security' });
    expect(without.visibility.blind).toBeGreaterThan(0);
    expect(without.visibility.byLanguage.sigma.blind).toBeGreaterThan(0);
    // The Sysmon fixture, launched from a script host as the example rule asks.
    const event = JSON.parse(readFileSync(resolve('test/fixtures/events/bitsadmin-sysmon1.json'), 'utf8'));
    event.Event.EventData.ParentImage = 'C:\\Windows\\System32\\wscript.exe';
    const hunt = await call('hunt', { events: JSON.stringify(event), language: 'sigma' });
    expect(hunt).toMatchObject({ events: 1, problems: [] });
    expect(hunt.hits).toHaveLength(1);
    expect(hunt.hits[0]).toMatchObject({
      path: 'sigma/proc_creation_win_bitsadmin_transfer.yml',
      events: [0],
    });
    expect(hunt.hits[0].explanations[0].predicates.length).toBeGreaterThan(0);
  });

  it('says what is wrong rather than failing', async () => {
    const result = await client.callTool({ name: 'show_rule', arguments: { id: 'no-such-rule' } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('No rule no-such-rule');
  });
});
