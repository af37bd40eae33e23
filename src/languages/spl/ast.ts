/** The SPL syntax tree: a pipeline of commands, search expressions and eval expressions, with expanded-text offsets. */
import type { Token } from './lexer.js';
import type { Range } from './pipeline.js';

export interface Literal extends Range {
  value: string;
  quoted: boolean;
}

export type CompareOp = '=' | '!=' | '==' | '<' | '<=' | '>' | '>=';

/** A search expression (the `search` command, the implicit first search, tstats `where`). */
export type SearchNode =
  | { kind: 'and'; items: SearchNode[]; start: number; end: number }
  | { kind: 'or'; items: SearchNode[]; start: number; end: number }
  | { kind: 'not'; item: SearchNode; start: number; end: number }
  | { kind: 'compare'; field: Literal; op: CompareOp; value: Literal; start: number; end: number }
  | { kind: 'in'; field: Literal; values: Literal[]; start: number; end: number }
  | { kind: 'term'; term: Literal; start: number; end: number }
  /** `TERM(x)` / `CASE(x)`: the raw text between the parentheses, and the comparison it holds, if any. */
  | {
      kind: 'directive';
      name: 'TERM' | 'CASE';
      text: Literal;
      inner: SearchNode | null;
      start: number;
      end: number;
    }
  | { kind: 'subsearch'; pipeline: Pipeline; start: number; end: number };

/** An eval expression (`where`, `eval`, the eval functions). */
export type EvalNode =
  | { kind: 'binary'; op: string; left: EvalNode; right: EvalNode; start: number; end: number }
  | { kind: 'unary'; op: string; operand: EvalNode; start: number; end: number }
  | { kind: 'call'; name: string; args: EvalNode[]; start: number; end: number }
  | { kind: 'in'; operand: EvalNode; values: EvalNode[]; start: number; end: number }
  | { kind: 'field'; name: string; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'number'; value: string; start: number; end: number };

export interface Assignment {
  field: string;
  expr: EvalNode;
}

/** One command of a pipeline; `name` is lower case (`search` for the implicit first command). */
export interface Command extends Range {
  name: string;
  /** The word as written (`BIN`), absent for the implicit search. */
  written?: string;
  /** Offset of the `|` that opens the stage, or null. */
  pipe: number | null;
  args: Token[];
  /** `search`, tstats `where`: the search expression. */
  search?: SearchNode | null;
  /** `where`: the eval condition. */
  condition?: EvalNode | null;
  /** `eval`: its assignments. */
  assignments?: Assignment[];
  /** tstats, datamodel, from: the data model (`Endpoint.Processes`) and node name. */
  datamodel?: string;
  nodename?: string;
  /** `regex field=... "re"`: the filter it applies. */
  regex?: { field: string; pattern: Literal; negated: boolean };
  subsearches: Pipeline[];
}

export interface Pipeline extends Range {
  commands: Command[];
}
