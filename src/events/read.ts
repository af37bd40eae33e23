/** Reads event files (JSON, NDJSON, gzip, EVTX) and pasted event text into `EventRecord`s, streaming. */
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import type { EventRecord } from '../model/event.js';
import { diagnostic } from '../text/diagnostics.js';
import { MAX_RECORD_DEPTH, RecordSplitter, type RecordText } from './json-records.js';
import { readEvtxFile } from './evtx/index.js';
import { eventRecord, isObject, nestsDeeperThan } from './shape.js';
import { fileHead, isGzip, textChunks } from './text-stream.js';

const EVTX_MAGIC = 'ElfFile\0';
/** Files a folder argument contributes. */
const EVENT_FILE = /\.(json|ndjson|jsonl|evtx)(\.gz)?$/i;

/** Every event of `paths` (files, or folders searched for event files), in order; problems go to `diagnostics`. */
export async function* readEvents(paths: string[], diagnostics: Diagnostic[]): AsyncGenerator<EventRecord> {
  for (const argument of paths)
    for (const path of eventFiles(argument, diagnostics)) yield* readEventFile(path, diagnostics);
}

/** The events of pasted text: one JSON object, NDJSON, concatenated objects or an array. */
export function readEventText(text: string, file: string, diagnostics: Diagnostic[]): EventRecord[] {
  const splitter = new RecordSplitter(file, diagnostics);
  splitter.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  splitter.finish();
  const records: EventRecord[] = [];
  for (const record of splitter.take()) {
    const event = parseRecord(record, file, records.length, diagnostics);
    if (event) records.push(event);
  }
  return records;
}

function eventFiles(path: string, diagnostics: Diagnostic[]): string[] {
  try {
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && EVENT_FILE.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
  } catch (err) {
    diagnostics.push(fileDiagnostic(path, `Cannot read ${path}: ${(err as Error).message}`));
    return [];
  }
}

async function* readEventFile(path: string, diagnostics: Diagnostic[]): AsyncGenerator<EventRecord> {
  let head: Buffer;
  try {
    head = await fileHead(path);
  } catch (err) {
    diagnostics.push(fileDiagnostic(path, `Cannot read ${path}: ${(err as Error).message}`));
    return;
  }
  if (head.toString('latin1') === EVTX_MAGIC || extname(path).toLowerCase() === '.evtx') {
    yield* readEvtxGuarded(path, diagnostics);
    return;
  }
  yield* readJsonFile(path, isGzip(head), diagnostics);
}

async function* readJsonFile(
  path: string,
  gzip: boolean,
  diagnostics: Diagnostic[],
): AsyncGenerator<EventRecord> {
  const splitter = new RecordSplitter(path, diagnostics);
  let index = 0;
  try {
    for await (const chunk of textChunks(path, gzip)) {
      splitter.push(chunk);
      for (const record of splitter.take()) {
        const event = parseRecord(record, path, index++, diagnostics);
        if (event) yield event;
      }
    }
  } catch (err) {
    // The record the stream broke off in is incomplete: report the stream, not a malformed record.
    const line = splitter.currentLine;
    const message = `${path}:${line}: Cannot read further: ${(err as Error).message}`;
    diagnostics.push({ ...diagnostic('error', message, { line, column: 1, offset: 0 }), origin: 'events' });
    return;
  }
  splitter.finish();
  for (const record of splitter.take()) {
    const event = parseRecord(record, path, index++, diagnostics);
    if (event) yield event;
  }
}

/** The EVTX reader's diagnostics name byte offsets; here they also name the file. */
function* readEvtxGuarded(path: string, diagnostics: Diagnostic[]): Generator<EventRecord> {
  const own: Diagnostic[] = [];
  const pass = (): void => {
    for (const d of own.splice(0)) diagnostics.push({ ...d, message: `${path}: ${d.message}` });
  };
  try {
    for (const record of readEvtxFile(path, own)) {
      pass();
      yield record;
    }
  } catch (err) {
    own.push(fileDiagnostic(path, `Cannot read: ${(err as Error).message}`));
  }
  pass();
}

/** One record's text as an event, or a diagnostic at its line when it is not a JSON object. */
function parseRecord(
  record: RecordText,
  file: string,
  index: number,
  diagnostics: Diagnostic[],
): EventRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(record.text);
  } catch (err) {
    const message = (err as Error).message;
    const at = errorPosition(record, message);
    diagnostics.push(recordDiagnostic(file, at, `Malformed JSON: ${shorten(message)}`));
    return undefined;
  }
  if (!isObject(value)) {
    diagnostics.push(
      recordDiagnostic(
        file,
        record,
        `Unexpected ${Array.isArray(value) ? 'array' : typeof value}, expected a JSON object`,
      ),
    );
    return undefined;
  }
  if (nestsDeeperThan(value, MAX_RECORD_DEPTH)) {
    diagnostics.push(
      recordDiagnostic(file, record, `Record nested deeper than ${MAX_RECORD_DEPTH} levels, skipped`),
    );
    return undefined;
  }
  return eventRecord(value, file, index);
}

/** Where in the file a JSON.parse error is, when its message says (`at position 12`); else the record's start. */
function errorPosition(record: RecordText, message: string): RecordText {
  const match = /at position (\d+)/.exec(message);
  if (!match) return record;
  const offset = Math.min(Number(match[1]), record.text.length);
  const before = record.text.slice(0, offset);
  const newlines = before.split('\n').length - 1;
  const column = newlines ? offset - before.lastIndexOf('\n') : record.column + offset;
  return { text: record.text, line: record.line + newlines, column };
}

/** V8 quotes the whole input in some messages: keep them readable for a 50 MB line. */
function shorten(message: string): string {
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

function recordDiagnostic(file: string, record: RecordText, message: string): Diagnostic {
  return {
    ...diagnostic('error', `${file}:${record.line}: ${message}`, {
      line: record.line,
      column: record.column,
      offset: 0,
    }),
    origin: 'events',
  };
}

function fileDiagnostic(file: string, message: string): Diagnostic {
  return { ...diagnostic('error', message, { line: 1, column: 1, offset: 0 }), origin: 'events' };
}
