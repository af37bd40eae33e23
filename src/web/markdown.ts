/**
 * A small Markdown subset for text rules carry (Elastic investigation guides): headings, nested lists, quotes,
 * fenced and inline code, bold, and links that can only be http(s). Everything else stays text, escaped.
 */
import { escapeHtml, raw, safeHttpUrl, type Html } from './markup.js';

const INLINE = /`([^`\n]+)`|\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*([^*\n]+)\*\*/g;
const LIST_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;

/** One line of text with its inline marks; every piece of the rule's text goes through `escapeHtml`. */
export function inlineMarkdown(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    out += escapeHtml(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) out += `<code>${escapeHtml(m[1])}</code>`;
    else if (m[4] !== undefined) out += `<strong>${escapeHtml(m[4])}</strong>`;
    else {
      const href = safeHttpUrl(m[3]);
      out += href
        ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer" target="_blank">${escapeHtml(m[2])}</a>`
        : escapeHtml(m[0]);
    }
  }
  return out + escapeHtml(text.slice(last));
}

interface Item {
  indent: number;
  ordered: boolean;
  text: string;
}

/** Consecutive list items as nested lists, a deeper indentation opening a list inside the item before it. */
function listHtml(items: Item[]): string {
  let out = '';
  const open: Item[] = [];
  for (const item of items) {
    while (open.length && item.indent < open[open.length - 1].indent)
      out += `</li></${open.pop()!.ordered ? 'ol' : 'ul'}>`;
    const top = open[open.length - 1];
    if (!top || item.indent > top.indent) {
      out += item.ordered ? '<ol>' : '<ul>';
      open.push(item);
    } else out += '</li>';
    out += `<li>${inlineMarkdown(item.text)}`;
  }
  while (open.length) out += `</li></${open.pop()!.ordered ? 'ol' : 'ul'}>`;
  return out;
}

/** Lines from `start` while `take` holds for them. */
function run(lines: string[], start: number, take: (line: string) => boolean): string[] {
  let end = start;
  while (end < lines.length && take(lines[end])) end++;
  return lines.slice(start, end);
}

function block(lines: string[], i: number): { html: string; next: number } {
  const line = lines[i];
  if (FENCE.test(line)) {
    const body = run(lines, i + 1, (l) => !FENCE.test(l));
    const next = i + 1 + body.length + 1;
    return { html: `<pre class="code"><code>${escapeHtml(body.join('\n'))}</code></pre>`, next };
  }
  const heading = HEADING.exec(line);
  if (heading) {
    const level = Math.min(6, Math.max(3, heading[1].length + 1));
    return { html: `<h${level}>${inlineMarkdown(heading[2])}</h${level}>`, next: i + 1 };
  }
  if (LIST_ITEM.test(line)) {
    const items: Item[] = [];
    let next = i;
    for (; next < lines.length && lines[next].trim(); next++) {
      const m = LIST_ITEM.exec(lines[next]);
      if (m) items.push({ indent: m[1].length, ordered: /\d/.test(m[2]), text: m[3] });
      else items[items.length - 1].text += ` ${lines[next].trim()}`;
    }
    return { html: listHtml(items), next };
  }
  if (line.trimStart().startsWith('>')) {
    const quoted = run(lines, i, (l) => l.trimStart().startsWith('>'));
    const text = quoted.map((l) => inlineMarkdown(l.trimStart().replace(/^>\s?/, ''))).join('<br />');
    return { html: `<blockquote>${text}</blockquote>`, next: i + quoted.length };
  }
  const para = run(
    lines,
    i,
    (l) =>
      l.trim() !== '' &&
      !HEADING.test(l) &&
      !LIST_ITEM.test(l) &&
      !FENCE.test(l) &&
      !l.trimStart().startsWith('>'),
  );
  return {
    html: `<p>${para.map((l) => inlineMarkdown(l.trim())).join(' ')}</p>`,
    next: i + Math.max(1, para.length),
  };
}

/** The Markdown text as markup; nothing in it can open a tag, an attribute or a non-http(s) link. */
export function renderMarkdown(text: string): Html {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let out = '';
  for (let i = 0; i < lines.length;) {
    if (!lines[i].trim()) {
      i++;
      continue;
    }
    const b = block(lines, i);
    out += b.html;
    i = b.next;
  }
  return raw(out);
}
