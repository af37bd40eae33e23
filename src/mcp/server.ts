/**
 * The catalog as a Model Context Protocol server: tools (JSON-schema inputs, structured outputs) and each rule
 * as a resource `ruleatlas://rule/{id}`, every answer from the functions the CLI prints.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { storedRuleReport } from '../catalog/rule-reports.js';
import { CatalogAccess } from './catalog-access.js';
import { registerCatalogTools } from './catalog-tools.js';
import { registerFileTools } from './file-tools.js';

export const RULE_URI = 'ruleatlas://rule/{id}';

export interface RuleatlasServer {
  server: McpServer;
  close(): Promise<void>;
}

export function ruleatlasServer(options: { db: string; version: string }): RuleatlasServer {
  const server = new McpServer({ name: 'ruleatlas', version: options.version });
  const catalog = new CatalogAccess(options.db);
  registerCatalogTools(server, catalog);
  registerFileTools(server, catalog);
  // Rule relations (`similar`, `overlap`) and `convert` register here, each as a `register…Tools(server,
  // catalog)` module beside these, when the analyses they call are in `src/analysis`.
  registerRuleResource(server, catalog);
  return {
    server,
    close: async () => {
      await server.close();
      catalog.close();
    },
  };
}

function registerRuleResource(server: McpServer, catalog: CatalogAccess): void {
  server.registerResource(
    'rule',
    new ResourceTemplate(RULE_URI, { list: undefined }),
    {
      title: 'A detection rule',
      description: 'One catalog rule as on its page (JSON), by rule id or source:path',
      mimeType: 'application/json',
    },
    (uri, { id }) => {
      const ref = decodeURIComponent(String(id));
      const c = catalog.get();
      const found = c && storedRuleReport(c, ref);
      if (!found) throw new Error(`No rule ${ref} in the catalog at ${catalog.path}`);
      return {
        contents: [
          { uri: uri.href, mimeType: 'application/json', text: JSON.stringify(found.report, null, 2) },
        ],
      };
    },
  );
}
