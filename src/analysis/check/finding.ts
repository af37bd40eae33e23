/** A finding of `check`: a stable code, a level, a message and where in which file, plus the codes' descriptions. */
import { readDataFile } from '../../knowledge/data-file.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { RuleDocument } from '../../model/rule.js';
import type { Span } from '../../model/span.js';
import { FileLocator } from '../../text/locator.js';

export type FindingLevel = 'error' | 'warning' | 'note';

/** Lowest first: `--fail-on warning` fails on warnings and errors. */
export const FINDING_LEVELS: readonly FindingLevel[] = ['note', 'warning', 'error'];

export interface Finding {
  code: string;
  level: FindingLevel;
  message: string;
  /** The file as `check` was given it (relative to where it runs, or absolute), `/`-separated. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** The rule the finding is about, when it is about one. */
  rule?: { id: string; title: string };
}

export interface CodeDescription {
  name: string;
  text: string;
  level: FindingLevel;
}

interface CheckCodesFile {
  codes: Record<string, CodeDescription>;
  parseKinds: Record<string, string>;
}

/** What a code means: a `check` code from the data file, or a parse problem's code (`spl/unexpected-token`) by its kind. */
export function describeCode(code: string): CodeDescription | undefined {
  const data = readDataFile<CheckCodesFile>('check-codes.json');
  if (data.codes[code]) return data.codes[code];
  const kind = code.slice(code.indexOf('/') + 1);
  const text = data.parseKinds[kind];
  if (!text) return undefined;
  const name = kind.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase());
  return { name, text, level: kind === 'unsupported' ? 'note' : 'error' };
}

export function levelOfSeverity(severity: Diagnostic['severity']): FindingLevel {
  return severity === 'info' ? 'note' : severity;
}

/** The file a rule came from, with positions: findings about the rule point into it. */
export class CheckedFile {
  readonly #locator: FileLocator;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    this.#locator = new FileLocator(text);
  }

  /** A finding of the code's own level at a span, or at the rule's first line without one. */
  finding(code: string, message: string, rule: RuleDocument, span?: Span): Finding {
    const start = span?.start ?? rule.rawStart;
    return {
      code,
      level: describeCode(code)?.level ?? 'warning',
      message,
      file: this.path,
      line: start.line,
      column: start.column,
      ...(span ? { endLine: span.end.line, endColumn: span.end.column } : {}),
      rule: { id: rule.id, title: rule.title },
    };
  }

  /** Where `needle` first stands in the rule's text (without case), for findings about what a rule declares. */
  spanOf(rule: RuleDocument, needle: string): Span | undefined {
    const at = rule.raw.toLowerCase().indexOf(needle.toLowerCase());
    if (at < 0) return undefined;
    const start = rule.rawStart.offset + at;
    return this.#locator.span(start, start + needle.length);
  }
}
