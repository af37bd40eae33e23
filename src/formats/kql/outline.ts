/** What a Markdown hunting document says about its queries: title, sections, description, links, authors and ATT&CK ids. */
import { declaredAttackIds } from './attack-tables.js';
import type { TextLine } from './fences.js';

export interface Heading {
  level: number;
  text: string;
  start: number;
}

export interface Outline {
  title?: string;
  headings: Heading[];
  description?: string;
  references: string[];
  authors: string[];
  techniques: string[];
  tactics: string[];
  /** The document states its queries are Kusto (`Language: KQL`), so a mislabeled fence is still KQL. */
  saysKusto: boolean;
}

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s/;
const TABLE_ROW = /^\s*\|/;
const LINK = /(!?)\[[^\]]*\]\((https?:\/\/[^)\s]+)\)/g;
const BARE_URL = /(?<![(\w])https?:\/\/[^\s)<>|\]"'`]+/g;
const SAYS_KUSTO = /\blanguage\b[^\n]{0,30}\b(?:kql|kusto)\b/i;
const AUTHOR_NAME = /\bname:?\*{0,2}:?\s*(.+)$/i;

export function outlineOf(lines: TextLine[]): Outline {
  const headings: Heading[] = [];
  for (const line of lines) {
    const h = HEADING.exec(line.text);
    if (h) headings.push({ level: h[1].length, text: plainText(h[2]), start: line.start });
  }
  const attack = declaredAttackIds(lines);
  const title = (headings.find((h) => h.level === 1) ?? headings[0])?.text;
  return {
    title: title || undefined,
    headings,
    description: descriptionOf(lines),
    references: referencesOf(lines),
    authors: authorsOf(lines),
    techniques: attack.techniques,
    tactics: attack.tactics,
    saysKusto: lines.some((l) => SAYS_KUSTO.test(l.text)),
  };
}

/** Heading text without emphasis markers and link syntax. */
function plainText(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .trim();
}

/** The section under a heading, as the lines up to the next heading of the same or a higher level. */
function sectionLines(lines: TextLine[], matches: RegExp): TextLine[] {
  let level = 0;
  const out: TextLine[] = [];
  for (const line of lines) {
    const h = HEADING.exec(line.text);
    if (h && level > 0 && h[1].length <= level) break;
    if (h && level === 0 && matches.test(plainText(h[2]))) level = h[1].length;
    else if (level > 0 && !h) out.push(line);
  }
  return out;
}

/** The "Description" section, else the first paragraph after the title. */
function descriptionOf(lines: TextLine[]): string | undefined {
  const section = sectionLines(lines, /^description\b/i);
  const paragraph = section.length > 0 ? section : firstParagraph(lines);
  const text = paragraph
    .map((l) => l.text.trim())
    .join('\n')
    .trim();
  return text || undefined;
}

function firstParagraph(lines: TextLine[]): TextLine[] {
  const out: TextLine[] = [];
  for (const line of lines) {
    const plain =
      line.text.trim() !== '' &&
      !HEADING.test(line.text) &&
      !LIST_ITEM.test(line.text) &&
      !TABLE_ROW.test(line.text);
    if (plain) out.push(line);
    else if (out.length > 0) break;
  }
  return out;
}

function referencesOf(lines: TextLine[]): string[] {
  const urls = new Set<string>();
  for (const { text } of lines) {
    if (!text.includes('http')) continue;
    for (const m of text.matchAll(LINK)) if (!m[1]) urls.add(m[2]);
    for (const m of text.replace(LINK, '').matchAll(BARE_URL)) urls.add(m[0].replace(/[.,;:]+$/, ''));
  }
  return [...urls];
}

/** Names under an "Author" heading (`- **Name:** Jane`), as the community templates write them. */
function authorsOf(lines: TextLine[]): string[] {
  const names: string[] = [];
  for (const line of sectionLines(lines, /^authors?\b/i)) {
    const m = AUTHOR_NAME.exec(line.text);
    const name = m?.[1].replace(/\*/g, '').trim();
    if (name) names.push(name);
  }
  return names;
}

/** The nearest heading before `offset` below the title: the section a query block sits in. */
export function sectionOf(outline: Outline, offset: number): string | undefined {
  let found: Heading | undefined;
  for (const h of outline.headings) {
    if (h.start > offset) break;
    found = h;
  }
  return found && found.text !== outline.title ? found.text : undefined;
}
