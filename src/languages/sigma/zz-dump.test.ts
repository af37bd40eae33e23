import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { sigmaReader } from '/work/main/src/formats/sigma/index.js';
import { sigmaLanguage } from '/work/main/src/languages/sigma/index.js';
import { emptyContext } from '/work/main/src/languages/language.js';
import { projectQuery } from '/work/main/test/project.js';
it('dump', () => {
  for (const path of (process.env.FILES ?? '').split(',')) {
    const text = readFileSync(path, 'utf8');
    const file = { path, text, bytes: text.length, sourceName: 'x' };
    const r = sigmaReader.read(file);
    r.rules.forEach((rule, i) => {
      const q = sigmaLanguage.parse({ source: rule.query!, context: emptyContext(), prepared: r.prepared?.[i] });
      console.log(path, rule.id, JSON.stringify(rule.diagnostics.map(d=>d.message)), JSON.stringify(projectQuery(q), null, 1));
      if (process.env.TEXTMODE) console.log('TEXT', JSON.stringify(projectQuery(sigmaLanguage.parse({ source: rule.query!, context: emptyContext() })), null, 1));
    });
  }
});
