import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyticReader } from '../../formats/analytic/index.js';
import { splLanguage } from './index.js';
import { emptyContext } from '../language.js';
import { projectQuery } from '../../../test/project.js';
it('scratch', () => {
  const text = readFileSync('/work/shared/seeds/rules/seed-splunk-bitsadmin-execution.yml', 'utf8');
  const r = analyticReader.read({ path: 'seed.yml', text, bytes: text.length, sourceName: 's' });
  const rule = r.rules[0];
  console.log(JSON.stringify({ ...rule, raw: undefined }, null, 1).slice(0, 3000));
  const q = splLanguage.parse({ source: rule.query!, context: emptyContext() });
  console.log(JSON.stringify(projectQuery(q), null, 1));
});
