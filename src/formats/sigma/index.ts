/** The Sigma reader: recognises Sigma rule YAML by a line-start scan and reads one rule document per rule. */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { RuleDocument } from '../../model/rule.js';
import { diagnostic } from '../../text/diagnostics.js';
import { languageDiagnostic } from '../../languages/kit/problem.js';
import { FileLocator } from '../../text/locator.js';
import { optionalString, ruleDocument, unreadableRule } from '../document.js';
import { taken, type FormatReader, type Taken, type ReadResult, type SourceFile } from '../format.js';
import { parseYamlDocuments } from '../../text/yaml-documents.js';
import { assembleRules, type RulePart } from '../../languages/sigma/documents.js';
import type { SigmaHandOff } from '../../languages/sigma/hand-off.js';
import { ruleFields } from './metadata.js';
import { withCorrelatedRules } from './correlated.js';

const LABEL = 'YAML';

/** Whether `key:` opens a line: a top-level key, found without parsing the YAML. */
function hasTopKey(text: string, key: string): boolean {
  const probe = `${key}:`;
  return text.startsWith(probe) || text.startsWith(`\uFEFF${probe}`) || text.includes(`\n${probe}`);
}

/** Sigma rules (`title` + `logsource` + `detection`), v2 filter rules (`filter` for `detection`) and correlation rules. */
export function looksLikeSigma(text: string): boolean {
  if (!hasTopKey(text, 'title')) return false;
  if (hasTopKey(text, 'correlation')) return true;
  return hasTopKey(text, 'logsource') && (hasTopKey(text, 'detection') || hasTopKey(text, 'filter'));
}

function isYamlPath(path: string): boolean {
  const lower = path.toLowerCase();
  return lower.endsWith('.yml') || lower.endsWith('.yaml');
}

/**
 * The part of the file a rule stands in: all of it for a one-document file, else its own document (the
 * first document from the top of the file, so leading comments stay with it).
 */
function ruleText(
  file: SourceFile,
  part: RulePart,
  layout: { single: boolean; first: unknown },
  locator: FileLocator,
): Pick<RuleDocument, 'raw' | 'rawStart'> {
  if (layout.single) return { raw: file.text, rawStart: locator.position(0) };
  const start = part.own === layout.first ? 0 : part.own.start;
  return { raw: file.text.slice(start, part.own.end), rawStart: locator.position(start) };
}

/** Ids as the conventions say: the rule's own, else the path; `#n` keeps several rules of one file apart. */
function ruleIds(file: SourceFile, parts: RulePart[]): string[] {
  const own = parts.map((p) => optionalString(p.value.id));
  const uses = new Map<string, number>();
  for (const id of own) if (id !== undefined) uses.set(id, (uses.get(id) ?? 0) + 1);
  return own.map((id, i) => {
    if (parts.length === 1) return id ?? file.path;
    const shared = id !== undefined && uses.get(id)! > 1;
    if (id === undefined) return `${file.path}#${i + 1}`;
    return shared ? `${id}#${i + 1}` : id;
  });
}

function buildRule(
  file: SourceFile,
  part: RulePart,
  id: string,
  layout: { single: boolean; first: unknown },
  locator: FileLocator,
): RuleDocument {
  const text = ruleText(file, part, layout, locator);
  const diagnostics = [...part.own.diagnostics];
  if (part.value.title === undefined) {
    diagnostics.push(
      diagnostic('warning', 'Unexpected end of rule, expected a "title"', text.rawStart, 'sigma'),
    );
  } else if (optionalString(part.value.title) === undefined) {
    diagnostics.push(
      diagnostic(
        'warning',
        'Unexpected value of "title", expected a string; the file name stands in',
        text.rawStart,
        'sigma',
      ),
    );
  }
  return ruleDocument(file, 'sigma', LABEL, {
    ...ruleFields(part.value),
    id,
    language: 'sigma',
    ...text,
    query: { language: 'sigma', text: text.raw, start: text.rawStart },
    diagnostics,
  });
}

function readSigma(file: SourceFile): ReadResult {
  const locator = FileLocator.of(file.text);
  const fileDiagnostics: Diagnostic[] = [];
  const documents = parseYamlDocuments(file.text, locator, 'sigma');
  const parts = assembleRules(documents, locator, fileDiagnostics);
  if (parts.length === 0) {
    const missing = diagnostic(
      'error',
      'Unexpected end of file, expected a Sigma rule document',
      locator.position(0),
      'sigma',
    );
    return {
      rules: [unreadableRule(file, 'sigma', LABEL, 'sigma', [missing, ...fileDiagnostics])],
      artifacts: [],
      diagnostics: [],
    };
  }
  const layout = { single: parts.length === 1 && parts[0].documents.length === 1, first: documents[0] };
  const ids = ruleIds(file, parts);
  const rules = withCorrelatedRules(
    parts.map((part, i) => buildRule(file, part, ids[i], layout, locator)),
    parts,
  );
  const prepared = parts.map((part): SigmaHandOff => ({
    language: 'sigma',
    locator,
    documents: part.documents.map((d) => d.doc),
  }));
  return { rules, artifacts: [], diagnostics: fileDiagnostics, prepared };
}

export const sigmaReader: FormatReader<Taken> = {
  id: 'sigma',
  label: LABEL,
  recognize: (file) => taken(isYamlPath(file.path) && looksLikeSigma(file.text)),
  read: (file) => {
    try {
      return readSigma(file);
    } catch (err) {
      // The YAML library can exhaust the stack on absurdly nested input; the file still becomes a rule.
      const start = { line: 1, column: 1, offset: 0 };
      const failed =
        err instanceof RangeError
          ? languageDiagnostic('sigma', 'too-deep', 'error', 'YAML nests too deeply to read', start)
          : diagnostic('error', `Cannot read YAML: ${(err as Error).message}`, start, 'sigma');
      return {
        rules: [unreadableRule(file, 'sigma', LABEL, 'sigma', [failed])],
        artifacts: [],
        diagnostics: [],
      };
    }
  },
};
