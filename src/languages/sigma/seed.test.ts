// The seed rule (BITS payload download) parsed as its seed page shows it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sigmaReader } from '../../formats/sigma/index.js';
import { sharedPath } from '../../../test/corpus.js';
import { emptyContext } from '../language.js';
import { sigmaLanguage } from './index.js';

const seedPath = sharedPath('seeds', 'rules', 'seed-sigma-bits-payload-download.yml');

describe.skipIf(!seedPath)('the Sigma seed rule', () => {
  it('reads and parses like the seed page', () => {
    const text = readFileSync(seedPath!, 'utf8');
    const file = { path: 'seed-sigma-bits-payload-download.yml', text, bytes: text.length, sourceName: 'seeds' };
    expect(sigmaReader.recognizes(file)).toBe(true);
    const result = sigmaReader.read(file);
    const rule = result.rules[0];
    const q = sigmaLanguage.parse({ source: rule.query!, context: emptyContext(), prepared: result.prepared?.[0] });
    console.log(JSON.stringify(rule, null, 1).slice(0, 3000));
    console.log(JSON.stringify(q, null, 1));
  });
});
