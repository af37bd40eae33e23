/** ATT&CK coverage as `coverage` answers: the matrix of a catalog's rules, and what collecting fewer events costs. */
import { loadAttack, type LoadedAttack } from '../knowledge/attack/index.js';
import { parseEventSet } from '../knowledge/events/index.js';
import {
  coverageMatrix,
  declaredTacticsOnly,
  navigatorLayer,
  visibility,
  type Coverage,
  type EventFilter,
  type Visibility,
} from '../analysis/coverage/index.js';
import type { Catalog } from './catalog.js';

export interface CoverageRequest {
  source?: string;
  language?: string;
  /** Count each rule under the tactics it declares only. */
  declared?: boolean;
  attackBundle?: string;
  /** Rule ids and titles in the answer (the layer's comments, JSON): read per rule, not from the tallies. */
  withRules?: boolean;
}

export interface CoverageAnswer {
  coverage: Coverage;
  attack: LoadedAttack;
  /** A Navigator layer of the coverage. */
  layer(): Record<string, unknown>;
}

export function catalogCoverage(catalog: Catalog, request: CoverageRequest): CoverageAnswer {
  const attack = loadAttack({ bundle: request.attackBundle, catalog });
  const filter = { source: request.source, language: request.language };
  const perRule = request.withRules || request.declared;
  const rules = perRule ? catalog.ruleTechniques(filter) : catalog.techniqueSets(filter);
  const all = coverageMatrix(rules, attack.data);
  const coverage = request.declared ? declaredTacticsOnly(all, rules, attack.data) : all;
  const name = ['ruleatlas coverage', request.source, request.language].filter(Boolean).join(' · ');
  return { coverage, attack, layer: () => navigatorLayer(coverage, attack.data, { name }) };
}

export interface VisibilityRequest extends CoverageRequest {
  /** Only these log events are collected: `sysmon:1,3,11;security:4688`. */
  have?: string;
  /** These log events are not collected: `sysmon:7`. */
  without?: string;
}

export type VisibilityAnswer =
  { problem: string } | { visibility: Visibility; attack: LoadedAttack; layer(): Record<string, unknown> };

/** The event filter a request names, or why it names none (both, neither, or a log nobody knows). */
export function eventFilter(
  request: Pick<VisibilityRequest, 'have' | 'without'>,
): EventFilter | { problem: string } {
  if (request.have !== undefined && request.without !== undefined)
    return { problem: 'Give --have or --without, not both' };
  const text = request.have ?? request.without;
  if (text === undefined) return { problem: 'Give --have or --without' };
  const parsed = parseEventSet(text);
  if ('problem' in parsed) return parsed;
  return request.have !== undefined ? { have: parsed.events } : { without: parsed.events };
}

/** `attack`: the ATT&CK data already loaded, when the caller keeps it (the web server). */
export function catalogVisibility(
  catalog: Catalog,
  request: VisibilityRequest,
  loaded?: LoadedAttack,
): VisibilityAnswer {
  const filter = eventFilter(request);
  if ('problem' in filter) return filter;
  const attack = loaded ?? loadAttack({ bundle: request.attackBundle, catalog });
  const result = visibility(
    catalog.ruleEvents({ source: request.source, language: request.language }),
    filter,
    attack.data,
  );
  const said = 'have' in filter ? `only ${request.have}` : `without ${request.without}`;
  return {
    visibility: result,
    attack,
    layer: () =>
      navigatorLayer(result.difference, attack.data, {
        name: `ruleatlas: rules blind with ${said}`,
        description: `${result.blind} of ${result.rules} rules go blind with ${said}; score = rules that go blind. Techniques left with no rule: ${result.techniquesLost.map((t) => t.id).join(', ') || 'none'}.`,
      }),
  };
}
