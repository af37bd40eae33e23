/** Reads eqllib analytics TOML (`[analytic.metadata]` + `[analytic] query`): EQL on the Endgame schema, with legacy semantics. */
import { taken, type FormatReader, type Taken, type ReadResult, type SourceFile } from '../format.js';
import { optionalString, ruleDocument, stringList, unreadableRule } from '../document.js';
import { diagnostic } from '../../text/diagnostics.js';
import { listedAttack } from './threat.js';
import { asTable, defined, headerPosition, querySource, readToml } from './toml-file.js';
import { stringSites } from './toml-sites.js';

const LABEL = 'TOML';
const ORIGIN = 'eqllib';
const MAPPED_KEYS = new Set([
  'id',
  'name',
  'description',
  'contributors',
  'created_date',
  'updated_date',
  'references',
  'tags',
  'tactics',
  'techniques',
]);

function isAnalyticFile(file: SourceFile): boolean {
  return (
    file.path.toLowerCase().endsWith('.toml') &&
    (file.text.startsWith('[analytic') || file.text.includes('\n[analytic'))
  );
}

function readAnalytic(file: SourceFile): ReadResult {
  const read = readToml(file.text, ORIGIN);
  if (read.error)
    return {
      rules: [unreadableRule(file, 'eqllib', LABEL, 'eql', [read.error])],
      artifacts: [],
      diagnostics: [],
    };
  const analytic = asTable(read.table.analytic) ?? {};
  const meta = asTable(analytic.metadata) ?? {};
  const doc = ruleDocument(
    file,
    'eqllib',
    LABEL,
    defined({
      id: optionalString(meta.id),
      title: optionalString(meta.name),
      description: optionalString(meta.description),
      authors: stringList(meta.contributors),
      date: optionalString(meta.created_date),
      modified: optionalString(meta.updated_date),
      references: stringList(meta.references),
      tags: stringList(meta.tags),
      attack: listedAttack(meta.techniques, meta.tactics),
      metadata: Object.fromEntries(Object.entries(meta).filter(([k]) => !MAPPED_KEYS.has(k))),
    }),
  );
  if (typeof analytic.query !== 'string') {
    const message = 'Unexpected analytic without a query, expected `query` under [analytic]';
    doc.diagnostics.push(diagnostic('warning', message, headerPosition(file.text, 'analytic'), ORIGIN));
    return { rules: [doc], artifacts: [], diagnostics: [] };
  }
  const site = stringSites(file.text, 'analytic', 'query')[0];
  doc.language = 'eql';
  // eqllib queries were written for the original EQL engine: case-insensitive `==` with wildcards.
  doc.query = querySource(file.text, site, analytic.query, 'eql', { legacy: true });
  return { rules: [doc], artifacts: [], diagnostics: [] };
}

export const eqllibReader: FormatReader<Taken> = {
  id: 'eqllib',
  label: LABEL,
  recognize: (file) => taken(isAnalyticFile(file)),
  read: readAnalytic,
};
