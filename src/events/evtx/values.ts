/** Substitution values of every binary XML type, rendered as SigmaHQ's JSON twins of EVTX files show them. */
import { ChunkBytes, EvtxDamage } from './chunk-bytes.js';
import type { TextNode, ValueNode, XmlNode } from './xml-tree.js';

/** Value types of the binary XML format (MS-EVEN6 2.2.x); `ARRAY` is a flag on the item type. */
export const VALUE_TYPE = {
  null: 0x00,
  string: 0x01,
  ansiString: 0x02,
  int8: 0x03,
  uint8: 0x04,
  int16: 0x05,
  uint16: 0x06,
  int32: 0x07,
  uint32: 0x08,
  int64: 0x09,
  uint64: 0x0a,
  real32: 0x0b,
  real64: 0x0c,
  bool: 0x0d,
  binary: 0x0e,
  guid: 0x0f,
  sizeT: 0x10,
  fileTime: 0x11,
  sysTime: 0x12,
  sid: 0x13,
  hexInt32: 0x14,
  hexInt64: 0x15,
  evtHandle: 0x20,
  binXml: 0x21,
  evtXml: 0x23,
  array: 0x80,
} as const;

/** A value holding binary XML of its own (a nested fragment), decoded by the caller. */
export interface NestedBinXml {
  kind: 'binxml';
  offset: number;
  size: number;
}

export type DecodedValue = XmlNode | NestedBinXml | undefined;

/** Fixed item sizes; 0 marks the types whose size comes from the descriptor or the data. */
const ITEM_SIZE: Record<number, number> = {
  [VALUE_TYPE.int8]: 1,
  [VALUE_TYPE.uint8]: 1,
  [VALUE_TYPE.int16]: 2,
  [VALUE_TYPE.uint16]: 2,
  [VALUE_TYPE.int32]: 4,
  [VALUE_TYPE.uint32]: 4,
  [VALUE_TYPE.int64]: 8,
  [VALUE_TYPE.uint64]: 8,
  [VALUE_TYPE.real32]: 4,
  [VALUE_TYPE.real64]: 8,
  [VALUE_TYPE.bool]: 4,
  [VALUE_TYPE.guid]: 16,
  [VALUE_TYPE.fileTime]: 8,
  [VALUE_TYPE.sysTime]: 16,
  [VALUE_TYPE.hexInt32]: 4,
  [VALUE_TYPE.hexInt64]: 8,
};

const ansi = new TextDecoder('windows-1252');
const FILETIME_UNIX_EPOCH_MICROS = 11_644_473_600_000_000n;

const text = (t: string): TextNode => ({ kind: 'text', text: t });
const value = (t: string, scalar?: number | boolean): ValueNode =>
  scalar === undefined ? { kind: 'value', text: t } : { kind: 'value', text: t, scalar };

/** Decodes the substitution value of `type` in `size` bytes at `offset`. */
export function decodeValue(bytes: ChunkBytes, offset: number, size: number, type: number): DecodedValue {
  bytes.need(offset, size, 'A substitution value');
  if (type & VALUE_TYPE.array) return decodeArray(bytes, offset, size, type & ~VALUE_TYPE.array);
  switch (type) {
    case VALUE_TYPE.null:
      return undefined;
    case VALUE_TYPE.string:
      return text(utf16UntilNul(bytes, offset, size).trimEnd());
    case VALUE_TYPE.ansiString: {
      const raw = bytes.bytes.subarray(offset, offset + size);
      const nul = raw.indexOf(0);
      return text(ansi.decode(nul < 0 ? raw : raw.subarray(0, nul)));
    }
    case VALUE_TYPE.binary:
      return size ? value(hexUpper(bytes.bytes, offset, size)) : { kind: 'value', text: '', empty: true };
    case VALUE_TYPE.sizeT:
      return decodeScalar(bytes, offset, size === 4 ? VALUE_TYPE.hexInt32 : VALUE_TYPE.hexInt64);
    case VALUE_TYPE.sid:
      return value(sidText(bytes, offset, size));
    case VALUE_TYPE.binXml:
      return size ? { kind: 'binxml', offset, size } : undefined;
    case VALUE_TYPE.evtHandle:
    case VALUE_TYPE.evtXml:
      return undefined;
    default:
      if (!ITEM_SIZE[type]) throw new EvtxDamage(`Unknown value type 0x${type.toString(16)}`, offset);
      if (size < ITEM_SIZE[type])
        throw new EvtxDamage(`A value of type 0x${type.toString(16)} is short`, offset);
      return decodeScalar(bytes, offset, type);
  }
}

/** Scalars of a fixed size. */
export function decodeScalar(bytes: ChunkBytes, offset: number, type: number): ValueNode {
  const v = bytes.view;
  bytes.need(offset, ITEM_SIZE[type] ?? 0, 'A value');
  switch (type) {
    case VALUE_TYPE.int8:
      return integer(v.getInt8(offset));
    case VALUE_TYPE.uint8:
      return integer(v.getUint8(offset));
    case VALUE_TYPE.int16:
      return integer(v.getInt16(offset, true));
    case VALUE_TYPE.uint16:
      return integer(v.getUint16(offset, true));
    case VALUE_TYPE.int32:
      return integer(v.getInt32(offset, true));
    case VALUE_TYPE.uint32:
      return integer(v.getUint32(offset, true));
    case VALUE_TYPE.int64:
      return bigInteger(v.getBigInt64(offset, true));
    case VALUE_TYPE.uint64:
      return bigInteger(v.getBigUint64(offset, true));
    case VALUE_TYPE.real32:
      return value(floatText(v.getFloat32(offset, true), true));
    case VALUE_TYPE.real64:
      return value(floatText(v.getFloat64(offset, true), false));
    case VALUE_TYPE.bool: {
      const b = v.getInt32(offset, true) !== 0;
      return value(String(b), b);
    }
    case VALUE_TYPE.guid:
      return value(guidText(bytes.bytes, offset));
    case VALUE_TYPE.fileTime:
      return value(fileTimeText(v.getBigUint64(offset, true)));
    case VALUE_TYPE.sysTime:
      return value(sysTimeText(v, offset));
    case VALUE_TYPE.hexInt32:
      return value(`0x${v.getUint32(offset, true).toString(16)}`);
    case VALUE_TYPE.hexInt64:
      return value(`0x${v.getBigUint64(offset, true).toString(16)}`);
    default:
      throw new EvtxDamage(`Unknown value type 0x${type.toString(16)}`, offset);
  }
}

const integer = (n: number): ValueNode => value(String(n), n);
const bigInteger = (n: bigint): ValueNode => value(n.toString(), Number(n));

function decodeArray(bytes: ChunkBytes, offset: number, size: number, type: number): ValueNode {
  const items: XmlNode[] = [];
  if (type === VALUE_TYPE.string) {
    const all = bytes.utf16(offset, size >> 1);
    const parts = all.split('\0');
    if (all.endsWith('\0')) parts.pop();
    for (const p of parts) items.push(text(p));
  } else if (type === VALUE_TYPE.sid) {
    for (let at = offset; at + 8 <= offset + size;) {
      const length = 8 + 4 * bytes.u8(at + 1);
      items.push(value(sidText(bytes, at, Math.min(length, offset + size - at))));
      at += length;
    }
  } else {
    const itemType = type === VALUE_TYPE.sizeT ? VALUE_TYPE.hexInt64 : type;
    const step = ITEM_SIZE[itemType];
    if (!step) throw new EvtxDamage(`Unknown array type 0x${type.toString(16)}`, offset);
    for (let at = offset; at + step <= offset + size; at += step)
      items.push(decodeScalar(bytes, at, itemType));
  }
  const joined = items.map((i) => (i.kind === 'text' || i.kind === 'value' ? i.text : '')).join(',');
  return { kind: 'value', text: joined, items, empty: items.length === 0 };
}

function utf16UntilNul(bytes: ChunkBytes, offset: number, size: number): string {
  const s = bytes.utf16(offset, size >> 1);
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

const HEX = '0123456789ABCDEF';

function hexUpper(b: Uint8Array, offset: number, size: number): string {
  let out = '';
  for (let i = offset; i < offset + size; i++) out += HEX[b[i] >> 4] + HEX[b[i] & 15];
  return out;
}

/** GUIDs in upper case without braces; the first three groups are little-endian. */
function guidText(b: Uint8Array, o: number): string {
  const h = (...idx: number[]): string => idx.map((i) => HEX[b[o + i] >> 4] + HEX[b[o + i] & 15]).join('');
  return `${h(3, 2, 1, 0)}-${h(5, 4)}-${h(7, 6)}-${h(8, 9)}-${h(10, 11, 12, 13, 14, 15)}`;
}

function sidText(bytes: ChunkBytes, offset: number, size: number): string {
  if (size < 8) return 'S-?';
  const b = bytes.bytes;
  let authority = 0;
  for (let i = 2; i < 8; i++) authority = authority * 256 + b[offset + i];
  const count = Math.min(b[offset + 1], (size - 8) >> 2);
  let out = `S-${b[offset]}-${authority}`;
  for (let i = 0; i < count; i++) out += `-${bytes.view.getUint32(offset + 8 + 4 * i, true)}`;
  return out;
}

/** `YYYY-MM-DDTHH:MM:SS.ffffffZ`: FILETIME counts 100 ns from 1601; the twins keep microseconds. */
export function fileTimeText(fileTime: bigint): string {
  const micros = fileTime / 10n - FILETIME_UNIX_EPOCH_MICROS;
  let ms = micros / 1000n;
  let rest = micros % 1000n;
  if (rest < 0n) {
    rest += 1000n;
    ms -= 1n;
  }
  return isoMicros(Number(ms), Number(rest));
}

function sysTimeText(v: DataView, o: number): string {
  const [year, month, , day, hour, minute, second, millis] = Array.from({ length: 8 }, (_, i) =>
    v.getUint16(o + 2 * i, true),
  );
  return isoMicros(Date.UTC(year, month - 1, day, hour, minute, second, millis), 0);
}

function isoMicros(ms: number, extraMicros: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return `${iso.slice(0, -1)}${String(extraMicros).padStart(3, '0')}Z`;
}

/**
 * The shortest decimal that reads back as the same float (32-bit floats by their own precision), written as
 * the JSON twins' tool writes floats: `1.0` rather than `1`, `1e21` rather than `1e+21`.
 */
function floatText(x: number, single: boolean): string {
  if (!Number.isFinite(x)) return String(x);
  let shortest = x;
  if (single)
    for (let p = 1; p <= 9; p++) {
      shortest = Number(x.toPrecision(p));
      if (Math.fround(shortest) === x) break;
    }
  const text = String(shortest).replace('e+', 'e');
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}
