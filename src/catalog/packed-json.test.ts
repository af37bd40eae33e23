/** Packed JSON columns read back as they were written, and plain JSON from older catalogs reads too. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { packJson, registerJsonText, unpackJson } from './packed-json.js';

const doc = { title: 'Bits', attack: { tactics: ['persistence'] }, raw: 'detection:\n  x: 1\n'.repeat(50) };

describe('packed JSON', () => {
  it('reads back what it packed, smaller than the text, and reads plain JSON text as well', () => {
    const packed = packJson(doc);
    expect(packed.length).toBeLessThan(JSON.stringify(doc).length / 4);
    expect(unpackJson(packed)).toEqual(doc);
    expect(unpackJson(new Uint8Array(packed))).toEqual(doc);
    expect(unpackJson(JSON.stringify(doc))).toEqual(doc);
  });

  it('gives SQL the JSON text of packed and plain columns alike', () => {
    const db = new Database(':memory:');
    registerJsonText(db);
    db.exec('CREATE TABLE t (d TEXT)');
    db.prepare('INSERT INTO t VALUES (?), (?), (NULL)').run(packJson(doc), JSON.stringify(doc));
    const rows = db.prepare("SELECT json_extract(json_text(d), '$.attack.tactics') AS t FROM t").all();
    expect(rows).toEqual([{ t: '["persistence"]' }, { t: '["persistence"]' }, { t: null }]);
    db.close();
  });
});
