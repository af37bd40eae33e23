/** The example events bundled in `examples/events/`, offered on the "try an event" page by name. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEventText } from '../../events/read.js';
import { normalizeEvent } from '../../events/normalize.js';
import { eventRow } from '../../knowledge/events/index.js';

/** `examples/events/` beside `src/` and `dist/` alike. */
export const EXAMPLE_EVENTS_DIR = fileURLToPath(new URL('../../../examples/events', import.meta.url));

export interface ExampleEvent {
  /** The file name without `.json`: the page's `example` parameter. */
  name: string;
  /** What the event is, from the event catalog (`Sysmon Event ID 1: Process creation`). */
  event: string;
  text: string;
}

let cached: ExampleEvent[] | undefined;

/** The catalog event a sample is, said as people say it; the shape when the catalog does not know it. */
function eventLabel(text: string, name: string): string {
  const [record] = readEventText(text, name, []);
  if (!record) return 'not an event';
  const normalized = normalizeEvent(record);
  const row = normalized.events.map(eventRow).find((r) => r !== undefined);
  return row ? `${row.provider} ${row.event}: ${row.title}` : `${record.shape} event`;
}

function exampleFiles(): string[] {
  try {
    return readdirSync(EXAMPLE_EVENTS_DIR).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
}

/** The bundled examples, read once; a missing folder means none. */
export function exampleEvents(): ExampleEvent[] {
  if (cached) return cached;
  cached = exampleFiles()
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.json'.length);
      const text = readFileSync(join(EXAMPLE_EVENTS_DIR, file), 'utf8');
      return { name, event: eventLabel(text, name), text };
    });
  return cached;
}

/** An example by name: only names from the listing, so a request can never name another file. */
export function exampleEvent(name: string): ExampleEvent | undefined {
  return exampleEvents().find((e) => e.name === name);
}
