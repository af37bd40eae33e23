/** What a reader that already parsed a rule's query hands that language's parser, so the text is parsed once. */
import type { SigmaHandOff } from './sigma/hand-off.js';
import type { PreparedKusto } from './kusto/prepared.js';

/** One payload per language that has one, told apart by `language`; a parser must work without it. */
export type PreparedQuery = SigmaHandOff | PreparedKusto;
