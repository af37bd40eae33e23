/** What the Sigma reader hands the parser for one rule (`ReadResult.prepared`): its YAML, already parsed. */
import type { Document } from 'yaml';
import type { NodeText } from './scalar-locator.js';

export interface SigmaHandOff {
  language: 'sigma';
  /** Positions in the file the documents were parsed from; `text` is the file's text. */
  locator: NodeText;
  /** The documents that make up the rule, in merge order: global parts, a repeated rule, its own document. */
  documents: Document.Parsed[];
}
