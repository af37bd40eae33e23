/** Reads EVTX files (Windows event logs) into `windows-xml` event records, one per log record. */
import { closeSync, openSync, readSync } from 'node:fs';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { EventRecord } from '../../model/event.js';
import { ChunkDecoder } from './binxml.js';
import { ChunkBytes, EvtxDamage } from './chunk-bytes.js';
import {
  CHUNK_RECORDS_START,
  CHUNK_SIZE,
  FILE_HEADER_SIZE,
  isBlank,
  readChunkHeader,
  readFileHeader,
  readRecordHeader,
} from './file-layout.js';
import { recordJson } from './record-json.js';
import { fileTimeText } from './values.js';

/** Where the next record's 0-based index comes from, across chunks. */
interface ReadState {
  file: string;
  index: number;
  diagnostics: Diagnostic[];
}

function problem(
  state: ReadState,
  offset: number,
  message: string,
  severity: Diagnostic['severity'] = 'error',
): void {
  state.diagnostics.push({
    type: 'diagnostic',
    severity,
    message: `${message} (byte offset ${offset})`,
    line: 0,
    column: 0,
    origin: 'evtx',
  });
}

/** Every record of an EVTX file held in memory; damaged chunks and records are skipped with a diagnostic. */
export function* readEvtx(
  bytes: Uint8Array,
  file: string,
  diagnostics: Diagnostic[],
): Generator<EventRecord> {
  const state: ReadState = { file, index: 0, diagnostics };
  if (!checkFileHeader(bytes.subarray(0, FILE_HEADER_SIZE), state)) return;
  for (let at = FILE_HEADER_SIZE; at < bytes.length; at += CHUNK_SIZE) {
    if (at + CHUNK_SIZE > bytes.length) {
      problem(state, at, `Truncated chunk: ${bytes.length - at} of ${CHUNK_SIZE} bytes`);
      return;
    }
    yield* readChunk(bytes.subarray(at, at + CHUNK_SIZE), at, state);
  }
}

/** Every record of the EVTX file at `path`, read one chunk at a time so memory stays flat on large logs. */
export function* readEvtxFile(path: string, diagnostics: Diagnostic[]): Generator<EventRecord> {
  const state: ReadState = { file: path, index: 0, diagnostics };
  const fd = openSync(path, 'r');
  try {
    const header = new Uint8Array(FILE_HEADER_SIZE);
    if (!checkFileHeader(header.subarray(0, readSync(fd, header, 0, FILE_HEADER_SIZE, 0)), state)) return;
    // One buffer for every chunk: records copy what they keep, and a chunk is done before the next is read.
    const chunk = new Uint8Array(CHUNK_SIZE);
    for (let at = FILE_HEADER_SIZE; ; at += CHUNK_SIZE) {
      const got = readSync(fd, chunk, 0, CHUNK_SIZE, at);
      if (got === 0) return;
      if (got < CHUNK_SIZE) {
        problem(state, at, `Truncated chunk: ${got} of ${CHUNK_SIZE} bytes`);
        return;
      }
      yield* readChunk(chunk, at, state);
    }
  } finally {
    closeSync(fd);
  }
}

function checkFileHeader(bytes: Uint8Array, state: ReadState): boolean {
  const header = readFileHeader(bytes);
  if (typeof header === 'string') {
    problem(state, 0, header);
    return false;
  }
  if (!header.checksumOk) problem(state, 0, 'File header checksum mismatch', 'warning');
  return true;
}

function* readChunk(bytes: Uint8Array, fileOffset: number, state: ReadState): Generator<EventRecord> {
  const chunk = new ChunkBytes(bytes);
  const header = readChunkHeader(chunk);
  if (typeof header === 'string') {
    if (!isBlank(bytes)) problem(state, fileOffset, `Skipped damaged chunk: ${header}`);
    return;
  }
  const decoder = new ChunkDecoder(chunk);
  const end = header.freeSpaceOffset;
  for (let at = CHUNK_RECORDS_START; at < end;) {
    const record = readRecordHeader(chunk, at, end);
    if (typeof record === 'string') {
      problem(state, fileOffset + at, `Skipped the rest of the chunk: ${record}`);
      return;
    }
    try {
      const root = decoder.record(at + 24, at + record.size - 4);
      const data = recordJson(root);
      yield {
        type: 'event',
        shape: 'windows-xml',
        origin: {
          file: state.file,
          index: state.index++,
          recordId: eventRecordId(data) ?? record.recordId,
          time: fileTimeText(record.written),
        },
        data,
      };
    } catch (err) {
      if (!(err instanceof EvtxDamage)) throw err;
      // Damage found through a wild offset is reported where its record is.
      const where = err.offset >= 0 && err.offset < CHUNK_SIZE ? err.offset : at;
      problem(state, fileOffset + where, `Skipped damaged record ${record.recordId}: ${err.message}`);
    }
    at += record.size;
  }
}

/**
 * The event's own `EventRecordID`, as Event Viewer and the JSON twins show it; an exported log renumbers
 * its record headers from 1, so the header's number serves only when the event has none.
 */
function eventRecordId(data: EventRecord['data']): number | undefined {
  const event = data.Event;
  const system = event && typeof event === 'object' && !Array.isArray(event) ? event.System : undefined;
  const id =
    system && typeof system === 'object' && !Array.isArray(system) ? system.EventRecordID : undefined;
  return typeof id === 'number' && Number.isFinite(id) ? id : undefined;
}
