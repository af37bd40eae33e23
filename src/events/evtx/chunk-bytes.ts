/** Bounds-checked little-endian reads from one EVTX chunk (or file header); a read past the end is damage. */

/** Damage found while decoding: caught at the record or chunk boundary and turned into a diagnostic. */
export class EvtxDamage extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export class ChunkBytes {
  readonly view: DataView;
  private readonly text: Buffer;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  need(offset: number, size: number, what: string): void {
    if (offset < 0 || size < 0 || offset + size > this.bytes.length)
      throw new EvtxDamage(`${what} runs past the end of the chunk`, offset);
  }

  u8(offset: number): number {
    this.need(offset, 1, 'A byte');
    return this.bytes[offset];
  }

  u16(offset: number): number {
    this.need(offset, 2, 'A 16-bit value');
    return this.view.getUint16(offset, true);
  }

  u32(offset: number): number {
    this.need(offset, 4, 'A 32-bit value');
    return this.view.getUint32(offset, true);
  }

  u64(offset: number): bigint {
    this.need(offset, 8, 'A 64-bit value');
    return this.view.getBigUint64(offset, true);
  }

  /** UTF-16LE text of `units` code units. */
  utf16(offset: number, units: number): string {
    this.need(offset, units * 2, 'A UTF-16 string');
    return this.text.toString('utf16le', offset, offset + units * 2);
  }

  /** The signature `expected` (ASCII) at `offset`. */
  hasSignature(offset: number, expected: string): boolean {
    if (offset + expected.length > this.bytes.length) return false;
    for (let i = 0; i < expected.length; i++)
      if (this.bytes[offset + i] !== expected.charCodeAt(i)) return false;
    return true;
  }
}
