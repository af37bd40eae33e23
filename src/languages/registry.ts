/** The registered query languages, in one typed list; a language is a folder and a line here. */
import type { LanguageId } from '../model/ids.js';
import type { Language } from './language.js';
import { guarded } from './guard.js';
import { sigmaLanguage } from './sigma/index.js';
import { splLanguage } from './spl/index.js';
import { eqlLanguage } from './eql/index.js';
import { kueryLanguage } from './kuery/index.js';
import { luceneLanguage } from './lucene/index.js';
import { esqlLanguage } from './esql/index.js';
import { kustoLanguage } from './kusto/index.js';
import { yaralLanguage } from './yaral/index.js';

const registered: Record<LanguageId, Language> = {
  sigma: sigmaLanguage,
  spl: splLanguage,
  eql: eqlLanguage,
  kuery: kueryLanguage,
  lucene: luceneLanguage,
  esql: esqlLanguage,
  kusto: kustoLanguage,
  yaral: yaralLanguage,
};

/** Every language behind the parser boundary (see guard.ts). */
export const languages = Object.fromEntries(
  Object.entries(registered).map(([id, l]) => [id, guarded(l)]),
) as Record<LanguageId, Language>;

export function languageById(id: string): Language | undefined {
  return Object.hasOwn(languages, id) ? languages[id as LanguageId] : undefined;
}
