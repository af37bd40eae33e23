/** A Kusto script a reader already parsed (to tell whether a Markdown block or a `.txt` file is KQL). */
import type { Script } from './ast.js';

export interface PreparedKusto {
  language: 'kusto';
  /** The text the script was parsed from: the parser uses the script only for this very text. */
  text: string;
  script: Script;
}

export function preparedKusto(text: string, script: Script): PreparedKusto {
  return { language: 'kusto', text, script };
}
