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

/**
 * In lookup order: where two languages answer to one name, the first wins. "KQL" alone is Kusto's
 * (Microsoft's name for it); readers of Elastic files ask among Elastic's languages, where it is Kibana's.
 */
const registered: Record<LanguageId, Language> = {
  sigma: sigmaLanguage,
  spl: splLanguage,
  eql: eqlLanguage,
  kusto: kustoLanguage,
  kuery: kueryLanguage,
  lucene: luceneLanguage,
  esql: esqlLanguage,
  yaral: yaralLanguage,
};

/** Every language behind the parser boundary (see guard.ts). */
export const languages = Object.fromEntries(
  Object.entries(registered).map(([id, l]) => [id, guarded(l)]),
) as Record<LanguageId, Language>;

const lookupOrder = Object.keys(registered) as LanguageId[];

/** A name as names are compared: lower case, letters and digits only (`ES|QL` is `esql`, `YARA-L` is `yaral`). */
function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const namesOf = new Map(
  lookupOrder.map((id) => {
    const l = registered[id];
    return [id, new Set([l.id, l.label, ...l.aliases].map(nameKey))] as const;
  }),
);

/** The language a rule or file names by its id, label or an alias; among `candidates` only, when given. */
export function languageNamed(
  name: string,
  candidates: readonly LanguageId[] = lookupOrder,
): Language | undefined {
  const key = nameKey(name);
  if (key === '') return undefined;
  const id = lookupOrder.find((l) => candidates.includes(l) && namesOf.get(l)!.has(key));
  return id && languages[id];
}
