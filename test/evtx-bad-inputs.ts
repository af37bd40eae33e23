/**
 * The damaged EVTX files of the bad-input corpus (`test/bad-inputs/evtx/`), built from scratch:
 * `WRITE_BAD_EVTX=1 npx vite-node test/evtx-bad-inputs.ts` writes them again.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildChunk, buildFile, sealChunk, values, type Xml } from './evtx-builder.js';

const event = (image: string): Xml => ({
  template: 'event',
  body: {
    element: 'Event',
    children: [
      { element: 'System', children: [{ element: 'EventID', children: [{ slot: 0, type: 0x06 }] }] },
      {
        element: 'EventData',
        children: [{ element: 'Data', attributes: [['Name', [{ text: 'Image' }]]], children: [{ slot: 1 }] }],
      },
    ],
  },
  values: [values.uint16(1), values.string(image)],
});

/** Deterministic noise. */
function noise(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** A template instance whose definition offset is `offset`, with no values. */
const wildTemplate = (offset: number): Xml => ({
  raw: [0x0c, 0x01, 0, 0, 0, 0, ...u32(offset), 0, 0, 0, 0],
});
const u32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24];

function nested(depth: number): Xml {
  let node: Xml = { text: 'deep' };
  for (let i = 0; i < depth; i++) node = { element: 'E', children: [node] };
  return node;
}

export function badEvtxFiles(): Record<string, Uint8Array> {
  const good = buildFile([buildChunk([event('a.exe'), event('b.exe')]), buildChunk([event('c.exe')], 3)]);
  const badCrc = good.slice();
  badCrc[4096 + 700] ^= 0xff;
  const badHeaderCrc = good.slice();
  badHeaderCrc[4096 + 200] ^= 0xff;
  const badRecord = buildChunk([event('a.exe'), event('b.exe')]);
  new DataView(badRecord.buffer).setUint32(512 + 4, 0xfff0, true);
  sealChunk(badRecord);
  return {
    'empty.evtx': new Uint8Array(0),
    'garbage.evtx': noise(70_000, 1),
    'truncated.evtx': good.subarray(0, 4096 + 65536 + 30_000),
    'truncated-header.evtx': good.subarray(0, 100),
    'bad-chunk-crc.evtx': badCrc,
    'bad-chunk-header-crc.evtx': badHeaderCrc,
    'garbage-chunk.evtx': buildFile([noise(65536, 2), buildChunk([event('ok.exe')])]),
    'bad-record-size.evtx': buildFile([badRecord]),
    'template-offset-anywhere.evtx': buildFile([
      buildChunk([0, 1, 100, 511, 513, 60_000, 65_530, 0x7fffffff, 0xffffffff].map(wildTemplate)),
    ]),
    'deep-nesting.evtx': buildFile([buildChunk([nested(2000)])]),
    'array-bomb.evtx': buildFile([
      buildChunk([
        {
          template: 'bomb',
          body: {
            element: 'E',
            attributes: [0, 1, 2, 3].map((i) => [`a${i}`, [{ slot: i }]] as [string, Xml[]]),
          },
          values: [0, 1, 2, 3].map(() => values.uint16Array(Array.from({ length: 500 }, (_, i) => i))),
        },
      ]),
    ]),
  };
}

if (process.env.WRITE_BAD_EVTX) {
  const dir = resolve('test/bad-inputs/evtx');
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(badEvtxFiles())) writeFileSync(join(dir, name), bytes);
}
