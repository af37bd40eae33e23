import { test } from 'vitest';
import { parseQuery } from '/work/main/test/parse.js';
import { projectQuery } from '/work/main/test/project.js';
test('try', () => {
  const q = process.env.Q ?? `process where host.os.type == "windows" and not process.executable : ("?:\\\\Windows\\\\a.exe", "b") | head 5`;
  console.log(JSON.stringify(projectQuery(parseQuery('eql', q, process.env.LEGACY ? { legacy: true } : undefined)), null, 1));
});
