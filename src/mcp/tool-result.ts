/** What every tool of the MCP server answers: structured content with its JSON text, or an error said in words. */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export function structured(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value };
}

/** A problem with the request (no catalog, no such rule): the model reads it and may ask again. */
export function failure(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}
