/** The rule report as text, in the seed pages' section order: what `explain` and `show` print. */
import type { ReportIndicator, RuleReport } from './report.js';
import { reportWarnings } from './warnings.js';
import { plural } from '../../text/plural.js';
import { relationText } from '../related-indicators.js';
import { visibleControls, visibleValue } from '../../text/visible.js';

function countText(i: ReportIndicator): string {
  if (i.count === undefined) return '';
  const by = Object.entries(i.byLanguage ?? {})
    .map(([l, n]) => `${l} ${n}`)
    .join(', ');
  const exact =
    i.count === 0 ? 'specific to this rule' : `${plural(i.count, 'other rule')}${by ? ` (${by})` : ''}`;
  const eq =
    i.equivalentCount !== undefined && i.equivalentCount !== i.count
      ? `; with equivalents ${i.equivalentCount}`
      : '';
  return `  ${exact}${eq}`;
}

function headerLines(r: RuleReport): string[] {
  const f = r.file;
  const lines = [
    r.title,
    `  ${r.language ?? 'no query'} · ${r.format} · ${f.path} (${f.lines} lines, ${f.bytes} bytes, ${f.format})`,
  ];
  if (r.status || r.severity) lines.push(`  status ${r.status ?? '-'} · severity ${r.severity ?? '-'}`);
  for (const w of reportWarnings(r))
    lines.push(`  ${w.level === 'error' ? 'ERROR' : 'WARNING'}: ${w.message}`);
  return lines;
}

function attackLines({ attack }: RuleReport): string[] {
  const lines: string[] = [];
  if (attack.tactics.length) {
    lines.push('', 'MITRE ATT&CK coverage');
    const named = (id: string): string =>
      `${id} ${attack.techniques.find((x) => x.id === id)?.name ?? ''}`.trim();
    for (const t of attack.tactics)
      lines.push(`  ${t.name}${t.declared ? ' (declared)' : ''}: ${t.techniques.map(named).join(', ')}`);
  }
  for (const t of attack.techniques.filter((x) => x.tactics.length === 0))
    lines.push(`  (no tactic) ${t.id} ${t.name ?? ''} [${t.status}]`);
  return lines;
}

function eventLines(r: RuleReport): string[] {
  if (!r.events.length) return [];
  return ['', 'Event coverage', ...r.events.map((e) => `  ${e.provider} · ${e.event} · ${e.title}`)];
}

function stageLines(r: RuleReport): string[] {
  const lines = ['', 'Stages and predicates'];
  for (const s of r.stages) {
    lines.push(`  Stage ${s.index}: ${s.kind}${s.name && s.name !== s.kind ? ` (${s.name})` : ''}`);
    for (const p of s.predicates)
      lines.push(
        `    ${p.negated ? 'NOT ' : ''}${p.field ?? '(keyword)'} ${p.op}${p.all ? ' all' : ''} ${p.values.map(visibleValue).join(', ')}`,
      );
  }
  return lines;
}

function indicatorLines(r: RuleReport): string[] {
  const lines: string[] = [];
  for (const kind of ['detection', 'exclusion'] as const) {
    const list = r.indicators.filter((i) => i.kind === kind);
    if (!list.length) continue;
    lines.push('', kind === 'detection' ? 'Indicators' : 'Exclusion indicators');
    for (const i of list) {
      lines.push(
        `  ${i.field ?? '(keyword)'} [${i.canonical}] ${i.op} ${visibleValue(i.value)}${countText(i)}`,
      );
      for (const n of i.related ?? [])
        lines.push(
          `    near: ${relationText(n.relation)}: ${n.op} ${visibleValue(n.value)}, ${plural(n.count, 'rule')}`,
        );
    }
  }
  return lines;
}

function termLines(r: RuleReport): string[] {
  if (!r.terms.length) return [];
  return ['', 'Search terms', ...r.terms.map((t) => `  ${t.stage}  ${t.value}`)];
}

function diagnosticLines(r: RuleReport): string[] {
  if (!r.diagnostics.length) return [];
  return [
    '',
    'Diagnostics',
    ...r.diagnostics.map((d) => `  ${r.file.path}:${d.line}:${d.column} ${d.severity} ${d.message}`),
  ];
}

/** The report as lines of text (no trailing newline), invisible controls named as on the pages. */
export function ruleReportText(r: RuleReport): string {
  return visibleControls(
    [
      ...headerLines(r),
      ...attackLines(r),
      ...eventLines(r),
      ...stageLines(r),
      ...indicatorLines(r),
      ...termLines(r),
      ...diagnosticLines(r),
    ].join('\n'),
  );
}
