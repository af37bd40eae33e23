/**
 * `ruleatlas events FILE... [--json]`: the events of files as the engine sees them, one normalized event per
 * line (NDJSON, with or without --json, so a file of any size streams); problems go to stderr.
 */
import { existsSync } from 'node:fs';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { NormalizedEvent } from '../../model/event.js';
import { normalizeEvent } from '../../events/normalize.js';
import { readEvents } from '../../events/read.js';
import { UsageError } from '../output.js';

export interface EventsCommandOptions {
  json?: boolean;
}

/** Lines are written in batches of about this many characters, waiting when stdout is full. */
const BATCH_CHARS = 64 * 1024;

export async function eventsCommand(paths: string[], _options: EventsCommandOptions): Promise<number> {
  const missing = paths.find((p) => !existsSync(p));
  if (missing) throw new UsageError(`No such file: ${missing}`);
  const diagnostics: Diagnostic[] = [];
  let reported = 0;
  let batch = '';
  for await (const record of readEvents(paths, diagnostics)) {
    batch += `${JSON.stringify(eventLine(normalizeEvent(record)))}\n`;
    if (batch.length >= BATCH_CHARS) {
      await write(batch);
      batch = '';
    }
    reported = reportDiagnostics(diagnostics, reported);
  }
  await write(batch);
  reportDiagnostics(diagnostics, reported);
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** What a user needs to see of an event: where it is from, what the catalog calls it, when, and its fields. */
export function eventLine(event: NormalizedEvent): Record<string, unknown> {
  const { file, index, recordId } = event.record.origin;
  return {
    file,
    index,
    ...(recordId !== undefined && { recordId }),
    shape: event.record.shape,
    provider: event.provider ?? null,
    eventId: event.eventId ?? null,
    events: event.events,
    time: event.time === undefined ? null : new Date(event.time).toISOString(),
    fields: event.fields,
  };
}

function reportDiagnostics(diagnostics: Diagnostic[], from: number): number {
  for (let i = from; i < diagnostics.length; i++)
    process.stderr.write(`ruleatlas: ${diagnostics[i].severity}: ${diagnostics[i].message}\n`);
  return diagnostics.length;
}

function write(text: string): Promise<void> {
  if (!text) return Promise.resolve();
  return new Promise((done) => {
    if (process.stdout.write(text)) done();
    else process.stdout.once('drain', done);
  });
}
