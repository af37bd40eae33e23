import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_IDS } from '../../model/ids.js';
import { rulesFromFiles } from '../rule-files.js';
import { convertRule } from './convert.js';

const folder = join(import.meta.dirname, '..', '..', '..', 'test', 'golden', 'convert');
const update = process.env.UPDATE_GOLDEN === '1' && process.env.CI !== 'true';

describe('conversion golden files: escaping, case, negation and exclusions, lists with all, field mapping', () => {
  const [rule] = rulesFromFiles([join(folder, 'escaping.yml')]);
  for (const target of LANGUAGE_IDS.filter((l) => l !== 'sigma')) {
    it(`to ${target}`, () => {
      const c = convertRule(rule, target);
      const text = `${c.text}\n# losses\n${c.losses.map((l) => `${l.what}: ${l.why}`).join('\n')}\n`;
      const expected = join(folder, `escaping.${target}.txt`);
      if (update || !existsSync(expected)) {
        if (process.env.CI === 'true') throw new Error(`missing golden file ${expected}`);
        writeFileSync(expected, text);
      }
      expect(text).toBe(readFileSync(expected, 'utf8'));
    });
  }

  it('the Sigma emitter writes a rule its own parser reads back equivalent', () => {
    const c = convertRule(rule, 'sigma');
    expect(c.roundTrip).toEqual({ equivalent: true, differences: [] });
    expect(c.text).toContain('say "hi".exe');
  });
});
