/** Converting one parsed rule to another language: condition, field names, scope, emitter, then the proof by parsing back. */
import type { LanguageId } from '../../model/ids.js';
import type { ParsedRule, RuleDocument } from '../../model/rule.js';
import type { ParsedQuery } from '../../model/stage.js';
import type { EmitMetadata, Loss, ThreatEntry } from '../../languages/emit.js';
import { languages } from '../../languages/registry.js';
import { emptyContext } from '../../languages/language.js';
import { offlineAttack, resolveAttack, type AttackData } from '../../knowledge/attack/index.js';
import { queryCondition } from './source-condition.js';
import { mapFields } from './target-fields.js';
import { simplify } from './simplify.js';
import { isScopeField, ruleActivity, rulePlatform, sourceScope, targetScope } from './scope.js';
import { relateRules, ruleForm, type Literal, type RuleForm } from '../overlap/index.js';

export interface Conversion {
  target: LanguageId;
  text: string;
  lossless: boolean;
  losses: Loss[];
  roundTrip: Relation;
  /** The conversion parsed back by the target's parser (for `--verify` and the relation). */
  parsed?: ParsedQuery;
}

export interface ConvertOptions {
  format?: 'query' | 'rule';
  attack?: AttackData;
  /** False: emit only, without parsing back (a page listing every language); `lossless` is then never claimed. */
  prove?: boolean;
}

/** How a converted rule relates to its source; the overlap relation plugs in here. */
export type Relate = (source: ParsedRule, converted: ParsedRule) => Relation;

function threat(rule: RuleDocument, data: AttackData): ThreatEntry[] {
  const resolved = resolveAttack(rule.attack, data);
  return resolved.tactics
    .filter((t) => t.techniques.length > 0)
    .map((t) => ({
      tactic: { id: t.id, name: t.name, shortname: t.shortname },
      techniques: t.techniques.map((id) => ({
        id,
        name: resolved.techniques.find((x) => x.id === id)?.name ?? '',
      })),
    }));
}

function metadata(rule: RuleDocument, data: AttackData): EmitMetadata {
  const fp = rule.metadata.falsepositives;
  return {
    id: rule.id,
    title: rule.title,
    description: rule.description,
    status: rule.status,
    severity: rule.severity,
    authors: rule.authors,
    date: rule.date,
    references: rule.references,
    tags: rule.tags,
    falsepositives: Array.isArray(fp) ? fp.map(String) : undefined,
    threat: threat(rule, data),
  };
}

/** The round trip's verdict: the overlap relation of the source to its conversion must be `equivalent`. */
export interface Relation {
  equivalent: boolean;
  differences: string[];
}

/**
 * Both rules' forms in the source's scope: the conversion reads the same activity by construction (its table,
 * category or logsource is how the target names it), so event types and tests that only name the events
 * (`host.os.type`, `event.type`, YARA-L `metadata.event_type`) are the source's, not compared.
 */
function scopedForms(source: ParsedRule): (rule: ParsedRule) => RuleForm {
  const eventTypes = ruleForm(source).eventTypes;
  return (rule) => {
    const form = ruleForm(rule);
    const kept = (l: Literal): boolean => !l.atoms.every((a) => isScopeField(a.concept));
    return { ...form, eventTypes, conjunctions: form.conjunctions.map((c) => c.filter(kept)) };
  };
}

export const compareConversion: Relate = (source, converted) => {
  const r = relateRules(source, converted, { formOf: scopedForms(source) });
  const differences = [
    ...r.onlySubject.map((x) => `only in the source: ${x}`),
    ...r.onlyOther.map((x) => `only in the conversion: ${x}`),
    ...(r.relation !== 'equivalent' ? [`the conversion is ${r.relation}${r.why ? `: ${r.why}` : ''}`] : []),
  ];
  return { equivalent: r.relation === 'equivalent', differences };
};

/** The converted text parsed back by the target language's own parser. */
export function parseBack(target: LanguageId, text: string): ParsedQuery {
  const source = { language: target, text, start: { line: 1, column: 1, offset: 0 } };
  return languages[target].parse({ source, context: emptyContext() });
}

export function convertRule(
  parsed: ParsedRule,
  target: LanguageId,
  options: ConvertOptions = {},
  relate: Relate = compareConversion,
): Conversion {
  const losses: Loss[] = [];
  const { rule, query } = parsed;
  const failed = (why: string): Conversion => ({
    target,
    text: '',
    lossless: false,
    losses: [...losses, { what: 'the rule', why }],
    roundTrip: { equivalent: false, differences: [why] },
  });
  if (!query) return failed('the rule has no query');
  if (query.diagnostics.some((d) => d.severity === 'error')) return failed('the rule does not parse');
  const emit = languages[target].emit;
  if (!emit) return failed(`${target} has no emitter`);
  for (const name of query.unresolved)
    losses.push({ what: name, why: 'unresolved: its definition is not known' });
  const activity = ruleActivity(parsed);
  const platform = rulePlatform(parsed);
  const scope = targetScope(activity, platform);
  const mapping = {
    source: query.language,
    target,
    sourceScope: sourceScope(parsed),
    targetScope: scope.table ?? scope.eventType,
    scoped: activity !== undefined,
    platform,
  };
  const condition = simplify(mapFields(queryCondition(query, losses), mapping, losses));
  const input = {
    condition,
    scope,
    metadata: metadata(rule, options.attack ?? offlineAttack()),
    format: 'query' as const,
  };
  const emitted = emit(input);
  losses.push(...emitted.losses);
  const text =
    options.format === 'rule' && target !== 'sigma' ? emit({ ...input, format: 'rule' }).text : emitted.text;
  if (options.prove === false) {
    const roundTrip = { equivalent: false, differences: ['not checked'] };
    return { target, text, lossless: false, losses, roundTrip };
  }
  const back = parseBack(target, emitted.text);
  const errors = back.diagnostics.filter((d) => d.severity === 'error');
  const roundTrip: Relation =
    errors.length > 0
      ? {
          equivalent: false,
          differences: errors.map((d) => `does not parse back: ${d.message} (${d.line}:${d.column})`),
        }
      : relate(parsed, { rule: { ...rule, language: target }, query: back });
  return {
    target,
    text,
    lossless: losses.length === 0 && roundTrip.equivalent,
    losses,
    roundTrip,
    parsed: back,
  };
}
