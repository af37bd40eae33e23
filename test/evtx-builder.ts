/** Builds EVTX files byte by byte for tests: binary XML trees, templates, records, chunks with valid checksums. */
import { crc32 } from 'node:zlib';

/** A binary XML tree to write: elements, text and the other node kinds, slots and template instances. */
export type Xml =
  | { element: string; attributes?: Array<[string, Xml[]]>; children?: Xml[] }
  | { text: string }
  | { cdata: string }
  | { charRef: number }
  | { entity: string }
  | { pi: string; data: string }
  | { slot: number; optional?: boolean; type?: number }
  | { template: string; body?: Xml; values: Value[] }
  /** Bytes written as they are, for damaged inputs. */
  | { raw: number[] };

/** A substitution value: its type byte and bytes. */
export interface Value {
  type: number;
  bytes: Uint8Array;
}

const utf16 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf16le'));
const le = (size: number, write: (v: DataView) => void): Uint8Array => {
  const b = new Uint8Array(size);
  write(new DataView(b.buffer));
  return b;
};

export const values = {
  string: (s: string): Value => ({ type: 0x01, bytes: utf16(s) }),
  ansi: (s: string): Value => ({ type: 0x02, bytes: new Uint8Array(Buffer.from(s, 'latin1')) }),
  int8: (n: number): Value => ({ type: 0x03, bytes: le(1, (v) => v.setInt8(0, n)) }),
  uint8: (n: number): Value => ({ type: 0x04, bytes: le(1, (v) => v.setUint8(0, n)) }),
  int16: (n: number): Value => ({ type: 0x05, bytes: le(2, (v) => v.setInt16(0, n, true)) }),
  uint16: (n: number): Value => ({ type: 0x06, bytes: le(2, (v) => v.setUint16(0, n, true)) }),
  int32: (n: number): Value => ({ type: 0x07, bytes: le(4, (v) => v.setInt32(0, n, true)) }),
  uint32: (n: number): Value => ({ type: 0x08, bytes: le(4, (v) => v.setUint32(0, n, true)) }),
  int64: (n: bigint): Value => ({ type: 0x09, bytes: le(8, (v) => v.setBigInt64(0, n, true)) }),
  uint64: (n: bigint): Value => ({ type: 0x0a, bytes: le(8, (v) => v.setBigUint64(0, n, true)) }),
  real32: (n: number): Value => ({ type: 0x0b, bytes: le(4, (v) => v.setFloat32(0, n, true)) }),
  real64: (n: number): Value => ({ type: 0x0c, bytes: le(8, (v) => v.setFloat64(0, n, true)) }),
  bool: (b: boolean): Value => ({ type: 0x0d, bytes: le(4, (v) => v.setUint32(0, b ? 1 : 0, true)) }),
  binary: (hex: string): Value => ({ type: 0x0e, bytes: new Uint8Array(Buffer.from(hex, 'hex')) }),
  guid: (hex: string): Value => ({ type: 0x0f, bytes: new Uint8Array(Buffer.from(hex, 'hex')) }),
  sizeT: (n: bigint): Value => ({ type: 0x10, bytes: le(8, (v) => v.setBigUint64(0, n, true)) }),
  fileTime: (n: bigint): Value => ({ type: 0x11, bytes: le(8, (v) => v.setBigUint64(0, n, true)) }),
  sysTime: (parts: number[]): Value => ({
    type: 0x12,
    bytes: le(16, (v) => parts.forEach((p, i) => v.setUint16(2 * i, p, true))),
  }),
  sid: (hex: string): Value => ({ type: 0x13, bytes: new Uint8Array(Buffer.from(hex, 'hex')) }),
  hex32: (n: number): Value => ({ type: 0x14, bytes: le(4, (v) => v.setUint32(0, n, true)) }),
  hex64: (n: bigint): Value => ({ type: 0x15, bytes: le(8, (v) => v.setBigUint64(0, n, true)) }),
  null: (): Value => ({ type: 0x00, bytes: new Uint8Array(0) }),
  /** Binary XML of its own, written at its place in the chunk. */
  binXml: (xml: Xml): Value => ({ type: 0x21, bytes: new Uint8Array(0), xml }) as Value,
  stringArray: (items: string[]): Value => ({
    type: 0x81,
    bytes: utf16(items.map((i) => `${i}\0`).join('')),
  }),
  uint16Array: (items: number[]): Value => ({
    type: 0x86,
    bytes: le(2 * items.length, (v) => items.forEach((n, i) => v.setUint16(2 * i, n, true))),
  }),
  raw: (type: number, bytes: number[]): Value => ({ type, bytes: new Uint8Array(bytes) }),
};

/** Writes binary XML at a known chunk offset, so names and template definitions can sit inline. */
class ChunkWriter {
  readonly bytes: number[] = [];
  readonly templates = new Map<string, number>();

  /** Template definitions give start tags a dependency id; records and nested values, by default, do not. */
  constructor(
    private readonly base: number,
    private readonly dependencyIds = false,
  ) {}

  get offset(): number {
    return this.base + this.bytes.length;
  }

  u8(...b: number[]): void {
    this.bytes.push(...b);
  }
  u16(n: number): void {
    this.u8(n & 0xff, (n >> 8) & 0xff);
  }
  u32(n: number): void {
    this.u16(n & 0xffff);
    this.u16(Math.floor(n / 0x10000) & 0xffff);
  }
  raw(b: Uint8Array): void {
    for (const x of b) this.bytes.push(x);
  }
  sizedText(s: string): void {
    this.u16(s.length);
    this.raw(utf16(s));
  }

  /** A name defined inline, right after its offset. */
  name(s: string): void {
    this.u32(this.offset + 4);
    this.u32(0);
    this.u16(0);
    this.sizedText(s);
    this.u16(0);
  }

  xml(node: Xml): void {
    if ('element' in node) {
      const attributes = node.attributes ?? [];
      this.u8(attributes.length ? 0x41 : 0x01);
      if (this.dependencyIds) this.u16(0xffff);
      this.u32(0);
      this.name(node.element);
      if (attributes.length) {
        this.u32(0);
        attributes.forEach(([name, value], i) => {
          this.u8(i < attributes.length - 1 ? 0x46 : 0x06);
          this.name(name);
          value.forEach((v) => this.xml(v));
        });
      }
      if (!node.children?.length) return this.u8(0x03);
      this.u8(0x02);
      node.children.forEach((c) => this.xml(c));
      this.u8(0x04);
    } else if ('text' in node) {
      this.u8(0x05, 0x01);
      this.sizedText(node.text);
    } else if ('cdata' in node) {
      this.u8(0x07);
      this.sizedText(node.cdata);
    } else if ('charRef' in node) {
      this.u8(0x08);
      this.u16(node.charRef);
    } else if ('entity' in node) {
      this.u8(0x09);
      this.name(node.entity);
    } else if ('pi' in node) {
      this.u8(0x0a);
      this.name(node.pi);
      this.u8(0x0b);
      this.sizedText(node.data);
    } else if ('slot' in node) {
      this.u8(node.optional ? 0x0e : 0x0d);
      this.u16(node.slot);
      this.u8(node.type ?? 0x01);
    } else if ('raw' in node) this.u8(...node.raw);
    else this.templateInstance(node);
  }

  private templateInstance(node: { template: string; body?: Xml; values: Value[] }): void {
    this.u8(0x0c, 0x01);
    this.u32(0);
    const known = this.templates.get(node.template);
    if (known !== undefined) this.u32(known);
    else {
      const at = this.offset + 4;
      this.templates.set(node.template, at);
      this.u32(at);
      const body = new ChunkWriter(at + 24, true);
      body.u8(0x0f, 0x01, 0x01, 0x00);
      if (node.body) body.xml(node.body);
      body.u8(0x00);
      this.u32(0);
      this.raw(new Uint8Array(16));
      this.u32(body.bytes.length);
      this.bytes.push(...body.bytes);
    }
    // Nested binary XML values are written where they stand, so they are built at their offset.
    const start = this.offset + 4 + 4 * node.values.length;
    const encoded: Uint8Array[] = [];
    let at = start;
    for (const v of node.values) {
      const xml = (v as Value & { xml?: Xml }).xml;
      let bytes = v.bytes;
      if (xml) {
        const inner = new ChunkWriter(at);
        inner.xml(xml);
        inner.u8(0x00);
        bytes = new Uint8Array(inner.bytes);
      }
      encoded.push(bytes);
      at += bytes.length;
    }
    this.u32(node.values.length);
    node.values.forEach((v, i) => {
      this.u16(encoded[i].length);
      this.u8(v.type, 0);
    });
    encoded.forEach((b) => this.raw(b));
  }
}

/** A record's binary XML: fragment header, the tree, end of fragment. */
export type RecordXml = Xml;

const CHUNK_SIZE = 65536;

/** One chunk holding `records` (ids from `firstId`), with valid checksums. */
export function buildChunk(records: RecordXml[], firstId = 1, dependencyIds = false): Uint8Array {
  const chunk = new Uint8Array(CHUNK_SIZE);
  const writer = new ChunkWriter(512);
  const templates = writer.templates;
  let lastRecord = 512;
  records.forEach((xml, i) => {
    lastRecord = writer.offset;
    const body = new ChunkWriter(writer.offset + 24, dependencyIds);
    templates.forEach((v, k) => body.templates.set(k, v));
    body.u8(0x0f, 0x01, 0x01, 0x00);
    body.xml(xml);
    body.u8(0x00);
    body.templates.forEach((v, k) => templates.set(k, v));
    const size = 24 + body.bytes.length + 4;
    writer.u8(0x2a, 0x2a, 0, 0);
    writer.u32(size);
    writer.raw(le(8, (v) => v.setBigUint64(0, BigInt(firstId + i), true)));
    writer.raw(le(8, (v) => v.setBigUint64(0, 133_000_000_000_000_000n + BigInt(i), true)));
    writer.bytes.push(...body.bytes);
    writer.u32(size);
  });
  chunk.set(writer.bytes, 512);
  const free = 512 + writer.bytes.length;
  const v = new DataView(chunk.buffer);
  chunk.set(Buffer.from('ElfChnk\0', 'latin1'), 0);
  v.setBigUint64(8, BigInt(firstId), true);
  v.setBigUint64(16, BigInt(firstId + records.length - 1), true);
  v.setBigUint64(24, BigInt(firstId), true);
  v.setBigUint64(32, BigInt(firstId + records.length - 1), true);
  v.setUint32(40, 128, true);
  v.setUint32(44, lastRecord, true);
  v.setUint32(48, free, true);
  sealChunk(chunk);
  return chunk;
}

/** Recomputes a chunk's checksums after its bytes changed. */
export function sealChunk(chunk: Uint8Array): void {
  const v = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  v.setUint32(52, crc32(chunk.subarray(512, v.getUint32(48, true))), true);
  v.setUint32(124, crc32(chunk.subarray(128, 512), crc32(chunk.subarray(0, 120))), true);
}

/** A file: header, then the chunks. */
export function buildFile(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(4096 + CHUNK_SIZE * chunks.length);
  const v = new DataView(out.buffer);
  out.set(Buffer.from('ElfFile\0', 'latin1'), 0);
  v.setBigUint64(16, BigInt(Math.max(chunks.length - 1, 0)), true);
  v.setUint32(32, 128, true);
  v.setUint16(36, 1, true);
  v.setUint16(38, 3, true);
  v.setUint16(40, 4096, true);
  v.setUint16(42, chunks.length, true);
  v.setUint32(124, crc32(out.subarray(0, 120)), true);
  chunks.forEach((c, i) => out.set(c, 4096 + CHUNK_SIZE * i));
  return out;
}
