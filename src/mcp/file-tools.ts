/** MCP tools over text the client gives: explain_rule (a rule file or pasted rule) and hunt (pasted events). */
import * as z from 'zod/v4';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { LANGUAGE_IDS, type LanguageId } from '../model/ids.js';
import type { SourceFile } from '../formats/format.js';
import { fileToExplain } from '../analysis/explain.js';
import { fileRuleReports } from '../catalog/rule-reports.js';
import { Hunt } from '../engine/index.js';
import { normalizeEvent } from '../events/normalize.js';
import { readEventText } from '../events/read.js';
import type { CatalogAccess } from './catalog-access.js';
import { failure, structured } from './tool-result.js';

const record = z.record(z.string(), z.unknown());

export function registerFileTools(server: McpServer, catalog: CatalogAccess): void {
  server.registerTool(
    'explain_rule',
    {
      title: 'Explain a rule',
      description:
        'Parse a rule file (path) or pasted rule text, in any supported format or language, and report each rule: stages, predicates, indicators (with corpus counts when a catalog is open), ATT&CK techniques with names and tactics, log events, diagnostics with line and column.',
      inputSchema: {
        path: z.string().optional().describe('a rule file on the machine running the server'),
        text: z.string().optional().describe('the rule text, pasted'),
        language: z
          .enum(LANGUAGE_IDS)
          .optional()
          .describe('the query language of pasted text; used when no reader recognises it as a rule file'),
        fileName: z
          .string()
          .default('rule.yml')
          .describe(
            'the file name pasted text would have (rule.toml, rule.kql, rule.yaral), so its format is recognised',
          ),
      },
      outputSchema: {
        recognized: z.boolean(),
        parsed: z.boolean(),
        rules: z.array(record),
        note: z.string().optional(),
      },
    },
    (args) => {
      const file = ruleText(args);
      if ('problem' in file) return failure(file.problem);
      const options = { catalog: catalog.get() };
      let answer = fileRuleReports(file, options);
      if (!answer.recognized && args.language)
        answer = fileRuleReports(file, { ...options, language: args.language });
      return structured({
        recognized: answer.recognized,
        parsed: answer.parsed,
        rules: answer.reports.map((r) => ({ ...r })),
        ...(answer.attack.full
          ? {}
          : { note: `ATT&CK from the shipped table (${answer.attack.data.version})` }),
      });
    },
  );
  registerHunt(server, catalog);
}

function ruleText(args: {
  path?: string;
  text?: string;
  fileName: string;
}): SourceFile | { problem: string } {
  if (args.path !== undefined && args.text !== undefined) return { problem: 'Give path or text, not both' };
  if (args.path !== undefined) return fileToExplain(args.path);
  if (args.text === undefined) return { problem: 'Give a rule file path or the rule text' };
  return { path: args.fileName, text: args.text, bytes: Buffer.byteLength(args.text), sourceName: 'pasted' };
}

function registerHunt(server: McpServer, catalog: CatalogAccess): void {
  server.registerTool(
    'hunt',
    {
      title: 'Hunt pasted events',
      description:
        "Run the catalog's rules over pasted events (one JSON object, NDJSON, or an array; Windows XML-as-JSON, flat Sysmon, ECS, Splunk, Defender rows) and say which rules fire on which events, and why.",
      inputSchema: {
        events: z.string().describe('the events, as JSON text'),
        language: z.enum(LANGUAGE_IDS).optional().describe('only rules of this language'),
        source: z.string().optional().describe('only rules of this source'),
      },
      outputSchema: {
        events: z.number(),
        rules: z.number(),
        hits: z.array(record),
        problems: z.array(z.string()),
      },
    },
    ({ events, language, source }) =>
      catalog.use((c) => {
        const problems: Diagnostic[] = [];
        const records = readEventText(events, 'pasted', problems);
        const hunt = new Hunt(c.huntRules({ language: language as LanguageId | undefined, source }), {
          explain: true,
        });
        for (const r of records) hunt.push(normalizeEvent(r));
        const result = hunt.finish();
        return structured({
          events: result.events,
          rules: result.rules,
          hits: result.hits.map((h) => ({
            ruleId: h.ruleId,
            title: h.title,
            language: h.language,
            source: h.source,
            path: h.path,
            techniques: h.techniques,
            events: h.events.map((e) => e.index),
            explanations: h.explanations ?? [],
          })),
          problems: problems.map((d) => d.message),
        });
      }),
  );
}
