/** `ruleatlas mcp [--db DB]`: the catalog as a Model Context Protocol server on stdin and stdout until the client leaves. */
import { createRequire } from 'node:module';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ruleatlasServer } from '../../mcp/server.js';

/** The project's version, as the server tells its clients. */
function version(): string {
  return (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;
}

export async function mcpCommand(options: { db: string }): Promise<number> {
  const { server, close } = ruleatlasServer({ db: options.db, version: version() });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolveClosed) => {
    transport.onclose = resolveClosed;
    process.stdin.once('end', resolveClosed);
  });
  // stdout carries the protocol: nothing else may be printed there while the server runs.
  await server.connect(transport);
  await closed;
  await close();
  return 0;
}
