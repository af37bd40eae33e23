import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { splunkDetectionReader } from '../../formats/splunk/detection.js';
import { splLanguage } from './index.js';
import { emptyContext } from '../language.js';
import { projectQuery } from '../../../test/project.js';
it('x', () => {
  const text = readFileSync('/work/shared/corpus/splunk/detections/deprecated/okta_threatinsight_login_failure_with_high_unknown_users.yml', 'utf8');
  const r = splunkDetectionReader.read({ path: 'x.yml', text, bytes: 1, sourceName: 's' }).rules[0];
  console.log(JSON.stringify(r.query));
  console.log(JSON.stringify(projectQuery(splLanguage.parse({ source: r.query!, context: emptyContext() })), null, 1));
});
