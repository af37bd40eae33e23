/** MCP tools over the catalog: search, show_rule, indicators, coverage, each the function its CLI command calls. */
import * as z from 'zod/v4';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { searchCatalog } from '../catalog/rule-search.js';
import { storedRuleReport } from '../catalog/rule-reports.js';
import { lookupIndicators } from '../catalog/indicator-lookup.js';
import { catalogCoverage, catalogVisibility } from '../catalog/coverage-report.js';
import type { Coverage } from '../analysis/coverage/index.js';
import { LANGUAGE_IDS } from '../model/ids.js';
import type { CatalogAccess } from './catalog-access.js';
import { failure, structured } from './tool-result.js';

const language = z.enum(LANGUAGE_IDS).optional().describe('one query language');
const source = z.string().optional().describe('a source name given at ingest');
const record = z.record(z.string(), z.unknown());

const ruleSummary = z.looseObject({ key: z.string(), title: z.string(), language: z.string().nullable() });

export function registerCatalogTools(server: McpServer, catalog: CatalogAccess): void {
  server.registerTool(
    'search',
    {
      title: 'Search rules',
      description:
        'Detection rules matching words and facets (language, source, ATT&CK technique or tactic, field, value, operator, severity, status, log event), with facet counts.',
      inputSchema: {
        text: z.string().optional().describe('words to find in titles, descriptions and queries'),
        language,
        source,
        technique: z.string().optional().describe('an ATT&CK technique id, T1197'),
        tactic: z.string().optional().describe('an ATT&CK tactic by id, shortname or name'),
        field: z.string().optional().describe('a field as rules write it (Image, process.executable)'),
        value: z.string().optional().describe('a value a predicate compares with'),
        op: z
          .string()
          .optional()
          .describe('a predicate operator: eq, contains, starts_with, ends_with, re ...'),
        severity: z.string().optional(),
        status: z.string().optional(),
        event: z.string().optional().describe('a log event or provider: Sysmon, Event ID 1'),
        limit: z.number().int().min(1).max(200).default(20),
        offset: z.number().int().min(0).default(0),
      },
      outputSchema: {
        total: z.number(),
        rules: z.array(ruleSummary),
        facets: record,
      },
    },
    (args) => catalog.use((c) => structured({ ...searchCatalog(c, args) })),
  );
  server.registerTool(
    'show_rule',
    {
      title: 'Show a rule',
      description:
        'One catalog rule as on its page: metadata, ATT&CK techniques with tactics, log events, stages, predicates, indicators with corpus counts, diagnostics.',
      inputSchema: { id: z.string().describe('a rule id, or source:path as search returns in `key`') },
      outputSchema: { rule: record },
    },
    ({ id }) =>
      catalog.use((c) => {
        const found = storedRuleReport(c, id);
        return found ? structured({ rule: { ...found.report } }) : failure(`No rule ${id} in the catalog`);
      }),
  );
  server.registerTool(
    'indicators',
    {
      title: 'Indicators',
      description:
        'Indicators (canonical field, operator, value) with how many rules of each language share them; with a value, the rules behind each.',
      inputSchema: {
        field: z.string().optional(),
        value: z.string().optional(),
        op: z.string().optional(),
        kind: z.enum(['detection', 'exclusion']).optional(),
        top: z.number().int().min(1).max(200).default(25),
      },
      outputSchema: { indicators: z.array(record) },
    },
    (args) => catalog.use((c) => structured({ indicators: lookupIndicators(c, args) })),
  );
  registerCoverage(server, catalog);
}

function registerCoverage(server: McpServer, catalog: CatalogAccess): void {
  server.registerTool(
    'coverage',
    {
      title: 'ATT&CK coverage and visibility',
      description:
        'Techniques covered per tactic with rule counts by language. With `have` (only these log events are collected) or `without` (these are not), the rules that still fire, those that go blind and the techniques left with no rule. Events: "sysmon:1,3,11;security:4688"; a provider alone is its whole log.',
      inputSchema: {
        source,
        language,
        have: z.string().optional(),
        without: z.string().optional(),
        limit: z.number().int().min(0).max(1000).default(50).describe('blind rules listed at most'),
      },
      outputSchema: {
        attackVersion: z.string(),
        tactics: z.array(record).optional(),
        visibility: record.optional(),
      },
    },
    ({ limit, ...args }) =>
      catalog.use((c) => {
        if (args.have === undefined && args.without === undefined) {
          const { coverage, attack } = catalogCoverage(c, args);
          return structured({ attackVersion: attack.data.version, tactics: tacticSummary(coverage) });
        }
        const answer = catalogVisibility(c, args);
        if ('problem' in answer) return failure(answer.problem);
        const { difference: _difference, blindRules, ...rest } = answer.visibility;
        return structured({
          attackVersion: answer.attack.data.version,
          visibility: { ...rest, blindRules: blindRules.slice(0, limit) },
        });
      }),
  );
}

/** Per tactic, its techniques with rule counts: the matrix without the rule lists, which a model need not read. */
function tacticSummary(coverage: Coverage): Array<Record<string, unknown>> {
  return coverage.tactics.map((t) => ({
    id: t.id,
    name: t.name,
    rules: t.rules,
    available: t.available,
    techniques: t.techniques.map(({ id, name, rules, byLanguage, subtechniqueRules }) => ({
      id,
      name,
      rules,
      byLanguage,
      subtechniqueRules,
    })),
  }));
}
