/** Writes a condition as a YARA-L 2.0 rule over one event variable `$e`: meta, events and condition sections. */
import type { Predicate } from '../../model/predicate.js';
import type { EmitInput, Emitted, Loss } from '../emit.js';
import { dropped, writeInfix, type InfixSyntax } from '../kit/infix.js';
import { caseless, isWild, patternOf, piecesRegex } from '../kit/pattern.js';

function yaralString(value: string): string {
  const escapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  return `"${value.replace(/[\\"\n\r\t]/g, (c) => escapes[c])}"`;
}

function regexLiteral(pattern: string, nocase: boolean): string {
  return `/${pattern.replace(/(^|[^\\])\//g, '$1\\/')}/${nocase ? ' nocase' : ''}`;
}

function numeric(value: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(value);
}

function atom(p: Predicate, losses: Loss[]): string | undefined {
  if (p.field === null) return dropped(p, 'YARA-L has no field-less search', losses);
  if (p.valueKind) return dropped(p, `YARA-L cannot compare with a ${p.valueKind} value here`, losses);
  const field = `$e.${p.field}`;
  const value = p.values[0] ?? '';
  const nocase = !p.caseSensitive && !caseless(value);
  switch (p.op) {
    case 'exists':
      return `${field} != ""`;
    case 'regex':
      return `${field} = ${regexLiteral(value, nocase)}`;
    case 'cidr':
      return `net.ip_in_range_cidr(${field}, ${yaralString(value)})`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `${field} ${{ gt: '>', gte: '>=', lt: '<', lte: '<=' }[p.op]} ${numeric(value) ? value : yaralString(value)}`;
    case 'eq':
    case 'match':
    case 'starts_with':
    case 'ends_with':
    case 'wildcard': {
      const pieces = patternOf(p.op, value)!;
      if (!isWild(pieces) && p.op !== 'wildcard')
        return `${field} = ${yaralString(value)}${nocase ? ' nocase' : ''}`;
      let regex = piecesRegex(pieces)
        .replace(/^\^\.\*/, '')
        .replace(/\.\*\$$/, '');
      if (regex === '^' || regex === '$' || regex === '') regex = '.*';
      return `${field} = ${regexLiteral(regex, nocase)}`;
    }
    default:
      return dropped(p, `YARA-L has no counterpart for ${p.op} here`, losses);
  }
}

const SYNTAX: InfixSyntax = {
  and: 'and',
  or: 'or',
  not: 'not ',
  always: '$e.metadata.event_type != ""',
  never: '$e.metadata.event_type = ""',
  atom,
};

function ruleName(title: string): string {
  const name = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  return /^[a-z]/.test(name) ? name : `rule_${name}`;
}

function meta(input: EmitInput): string[] {
  const m = input.metadata;
  const lines: Array<[string, string | undefined]> = [
    ['rule_name', m.title],
    ['description', m.description],
    ['author', m.authors.join(', ') || undefined],
    ['severity', m.severity],
    ['reference', m.references[0]],
    ['mitre_attack_tactic', m.threat.map((t) => t.tactic.name).join(', ') || undefined],
    [
      'mitre_attack_technique',
      [...new Set(m.threat.flatMap((t) => t.techniques.map((x) => x.id)))].join(', ') || undefined,
    ],
  ];
  return lines.filter(([, v]) => v).map(([k, v]) => `    ${k} = ${yaralString(v!.replace(/\s+/g, ' '))}`);
}

export function emitYaral(input: EmitInput): Emitted {
  const losses: Loss[] = [];
  const condition = writeInfix(input.condition, SYNTAX, losses);
  const events = [
    ...(input.scope.eventType ? [`    $e.metadata.event_type = ${yaralString(input.scope.eventType)}`] : []),
    `    ${condition}`,
  ];
  const text = [
    `rule ${ruleName(input.metadata.title)} {`,
    '  meta:',
    ...meta(input),
    '  events:',
    ...events,
    '  condition:',
    '    $e',
    '}',
    '',
  ].join('\n');
  return { text, losses };
}
