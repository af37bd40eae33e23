/** `ruleatlas mcp [--db DB]`: the catalog as a Model Context Protocol server on stdin and stdout until the client leaves. */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ruleatlasServer } from '../../mcp/server.js';
import { projectVersion } from '../version.js';

export async function mcpCommand(options: { db: string }): Promise<number> {
  const { server, close } = ruleatlasServer({ db: options.db, version: projectVersion() });
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
