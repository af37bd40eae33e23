import { test } from 'vitest';
import { parseQuery } from '/work/main/test/parse.js';
import { projectQuery } from '/work/main/test/project.js';
test('try', () => {
  for (const q of (process.env.Q ?? '').split('\n---\n')) console.log(JSON.stringify(projectQuery(parseQuery('kusto', q)), null, 1));
});
