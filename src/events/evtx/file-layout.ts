/** The EVTX container: a 4 KiB file header, then 64 KiB chunks of records, each guarded by CRC32 checksums. */
import { crc32 } from 'node:zlib';
import { ChunkBytes } from './chunk-bytes.js';

export const FILE_HEADER_SIZE = 4096;
export const CHUNK_SIZE = 65536;
/** Chunk header (128 bytes), common string offsets and template pointers: records start after them. */
export const CHUNK_RECORDS_START = 512;
export const RECORD_HEADER_SIZE = 24;
const RECORD_SIGNATURE = 0x00002a2a;

export interface FileHeader {
  chunkCount: number;
  majorVersion: number;
  minorVersion: number;
  /** False when the header's CRC32 over its first 120 bytes does not match. */
  checksumOk: boolean;
}

/** The file header, or a reason it is not one. */
export function readFileHeader(bytes: Uint8Array): FileHeader | string {
  const b = new ChunkBytes(bytes);
  if (bytes.length < 128 || !b.hasSignature(0, 'ElfFile\0')) return 'Not an EVTX file: no ElfFile signature';
  return {
    minorVersion: b.u16(36),
    majorVersion: b.u16(38),
    chunkCount: b.u16(42),
    checksumOk: crc32(bytes.subarray(0, 120)) === b.u32(124),
  };
}

export interface ChunkHeader {
  /** Where the records end: the chunk's free space. */
  freeSpaceOffset: number;
}

/** The chunk header's CRC32: its first 120 bytes, then the string and template tables. */
const headerChecksum = (b: Uint8Array): number =>
  crc32(b.subarray(128, CHUNK_RECORDS_START), crc32(b.subarray(0, 120)));

/** The chunk header, or why the chunk is damaged (signature, header CRC, records CRC). */
export function readChunkHeader(chunk: ChunkBytes): ChunkHeader | string {
  if (!chunk.hasSignature(0, 'ElfChnk\0')) return 'bad chunk signature';
  if (headerChecksum(chunk.bytes) !== chunk.u32(124)) return 'chunk header checksum mismatch';
  const freeSpaceOffset = chunk.u32(48);
  if (freeSpaceOffset < CHUNK_RECORDS_START || freeSpaceOffset > chunk.length)
    return `free space offset ${freeSpaceOffset} outside the chunk`;
  if (crc32(chunk.bytes.subarray(CHUNK_RECORDS_START, freeSpaceOffset)) !== chunk.u32(52))
    return 'records checksum mismatch';
  return { freeSpaceOffset };
}

/** A copy of `file` whose chunk checksums match their bytes again: lets the fuzzer reach the records. */
export function withChecksumsRepaired(file: Uint8Array): Uint8Array {
  const out = file.slice();
  for (let at = FILE_HEADER_SIZE; at + CHUNK_SIZE <= out.length; at += CHUNK_SIZE) {
    const chunk = out.subarray(at, at + CHUNK_SIZE);
    const view = new DataView(chunk.buffer, chunk.byteOffset, CHUNK_SIZE);
    const free = view.getUint32(48, true);
    if (free >= CHUNK_RECORDS_START && free <= CHUNK_SIZE)
      view.setUint32(52, crc32(chunk.subarray(CHUNK_RECORDS_START, free)), true);
    view.setUint32(124, headerChecksum(chunk), true);
  }
  return out;
}

export interface RecordHeader {
  size: number;
  recordId: number;
  /** FILETIME the record was written. */
  written: bigint;
}

/** The record header at `offset`, or why it is not one (which ends the chunk: the next one cannot be found). */
export function readRecordHeader(chunk: ChunkBytes, offset: number, end: number): RecordHeader | string {
  if (offset + RECORD_HEADER_SIZE + 4 > end) return 'record header runs past the records';
  if (chunk.u32(offset) !== RECORD_SIGNATURE) return 'bad record signature';
  const size = chunk.u32(offset + 4);
  if (size < RECORD_HEADER_SIZE + 4 || offset + size > end) return `record size ${size} does not fit`;
  if (chunk.u32(offset + size - 4) !== size) return 'record size copy mismatch';
  return { size, recordId: Number(chunk.u64(offset + 8)), written: chunk.u64(offset + 16) };
}

/** True when every byte is zero: a chunk the log allocated but never wrote. */
export function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}
