/**
 * ATT&CK as a Markdown hunting document declares it: technique and tactic tables, and list items or headings that
 * open with an id. Ids inside links, reference URLs and running prose are never taken: a page that cites
 * attack.mitre.org/techniques/T1059 in its references does not claim T1059.
 */
import { mergeIds, tacticIds, techniqueIds } from '../attack-ids.js';
import { findTactic, knownTactics } from '../../knowledge/attack/tactics.js';
import type { TextLine } from './fences.js';

export interface DeclaredIds {
  techniques: string[];
  tactics: string[];
}

const TABLE_ROW = /^\s*\|/;
const SEPARATOR_ROW = /^\s*\|?\s*:?-{2,}/;
const HEADING_OR_ITEM = /^\s*(?:#{1,6}|[-*+]|\d+[.)])\s+/;
const TECHNIQUE_AT_START = /^T(\d{4})(?:[._](\d{3}))?\b/i;
const TACTIC_AT_START = /^TA(\d{4})\b/i;
/** `v`, `✓`, `x`, `yes`: a tactic row marked as covered. */
const MARKED = /^(?:v|x|✓|✔|✅|yes|y|true)$/i;

/** The declared ids of a document's tables, headings and list items, first seen first. */
export function declaredAttackIds(lines: TextLine[]): DeclaredIds {
  const out: DeclaredIds = { techniques: [], tactics: [] };
  for (const table of tablesOf(lines)) fromTable(table, out);
  for (const line of lines) {
    const m = HEADING_OR_ITEM.exec(line.text);
    if (m) fromCell(line.text.slice(m[0].length), out);
  }
  return { techniques: mergeIds(out.techniques), tactics: mergeIds(out.tactics) };
}

/** Cell text without emphasis, code marks and links (a link keeps its label, never its URL). */
function plainCell(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/[*_`]/g, '')
    .trim();
}

/** `Tactic: TA0003`, `MITRE ATT&CK: T1059, T1105`: a label that says the ids after it are declared. */
const DECLARING_LABEL =
  /^(?:mitre(?:\s+att&ck)?|att&ck|tactics?|(?:sub-?)?techniques?)(?:\s+ids?)?\s*[:=]\s*/i;

/** The ids a cell, heading or list item opens with (`T1098.001`, `TA0003 - Persistence`), or all after a declaring label. */
function fromCell(text: string, out: DeclaredIds): void {
  const cell = plainCell(text);
  const label = DECLARING_LABEL.exec(cell);
  if (label) {
    const rest = cell.slice(label[0].length);
    out.tactics.push(...tacticIds(rest));
    out.techniques.push(...techniqueIds(rest));
    return;
  }
  const tactic = TACTIC_AT_START.exec(cell);
  if (tactic) return void out.tactics.push(`TA${tactic[1]}`);
  const technique = TECHNIQUE_AT_START.exec(cell);
  if (technique) out.techniques.push(technique[2] ? `T${technique[1]}.${technique[2]}` : `T${technique[1]}`);
}

function splitRow(text: string): string[] {
  const inner = text.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split('|').map(plainCell);
}

/** Consecutive table lines whose second line is a separator row: header cells and body rows. */
function tablesOf(lines: TextLine[]): Array<{ header: string[]; rows: string[][] }> {
  const tables: Array<{ header: string[]; rows: string[][] }> = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!TABLE_ROW.test(lines[i].text) || !SEPARATOR_ROW.test(lines[i + 1].text)) continue;
    const header = splitRow(lines[i].text).map((h) => h.toLowerCase());
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && TABLE_ROW.test(lines[j].text); j++) rows.push(splitRow(lines[j].text));
    tables.push({ header, rows });
    i = j - 1;
  }
  return tables;
}

function column(header: string[], pattern: RegExp): number {
  return header.findIndex((h) => pattern.test(h));
}

function fromTable(table: { header: string[]; rows: string[][] }, out: DeclaredIds): void {
  const tactic = column(table.header, /^tactics?\b/);
  const technique = column(table.header, /^techniques?\b(?!.*sub)/);
  const sub = column(table.header, /^sub-?\s*techniques?\b/);
  const covered = column(table.header, /\b(?:covered|applies|applicable|detected)\b/);
  for (const row of table.rows) {
    if (covered >= 0) {
      if (MARKED.test(row[covered] ?? '')) tacticCell(row[tactic >= 0 ? tactic : 0] ?? '', out);
      continue;
    }
    if (tactic >= 0) tacticCell(row[tactic] ?? '', out);
    const base = technique >= 0 ? TECHNIQUE_AT_START.exec(row[technique] ?? '') : null;
    const part = sub >= 0 ? /^(?:T\d{4}[._])?(\d{3})$/i.exec(row[sub] ?? '') : null;
    if (base && part && !base[2]) out.techniques.push(`T${base[1]}.${part[1]}`);
    else for (const cell of row) fromCell(cell, out);
  }
}

/** `TA0003 - Persistence` gives its id; a bare name counts when it is a tactic ATT&CK knows. */
function tacticCell(cell: string, out: DeclaredIds): void {
  const id = TACTIC_AT_START.exec(cell);
  if (id) return void out.tactics.push(`TA${id[1]}`);
  const known = findTactic(knownTactics(), cell);
  if (known) out.tactics.push(known.shortname);
}
