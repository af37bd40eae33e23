/** The catalog the MCP server answers from, opened read-only on first use; its absence is a tool error, not a crash. */
import { existsSync } from 'node:fs';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Catalog } from '../catalog/catalog.js';
import { failure } from './tool-result.js';

export class CatalogAccess {
  #catalog: Catalog | undefined;

  constructor(readonly path: string) {}

  /** The open catalog, or undefined when there is none at the path yet. */
  get(): Catalog | undefined {
    if (!this.#catalog && existsSync(this.path)) this.#catalog = Catalog.open(this.path, { readonly: true });
    return this.#catalog;
  }

  /** Runs a tool on the catalog, or says how to make one. */
  use(tool: (catalog: Catalog) => CallToolResult): CallToolResult {
    const catalog = this.get();
    if (!catalog)
      return failure(`No catalog at ${this.path}: run \`ruleatlas ingest PATH --db ${this.path}\` first`);
    return tool(catalog);
  }

  close(): void {
    this.#catalog?.close();
    this.#catalog = undefined;
  }
}
