/** The project's version as `package.json` gives it, for what ruleatlas tells other tools about itself. */
import { createRequire } from 'node:module';

export function projectVersion(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}
