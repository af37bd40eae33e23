/** The emitter contract: a single-event condition in a language's own field names, written as that language's query. */
import type { Predicate } from '../model/predicate.js';

/** Something a conversion dropped or weakened, and why: a conversion with any loss is not lossless. */
export interface Loss {
  what: string;
  why: string;
}

/**
 * A boolean condition over one event. Predicates are read positively (polarity comes from `not` nodes only),
 * their fields already named as the target schema names them; `term` is a field-less value matched anywhere.
 */
export type Condition =
  | { type: 'and'; operands: Condition[] }
  | { type: 'or'; operands: Condition[] }
  | { type: 'not'; operand: Condition }
  | { type: 'predicate'; predicate: Predicate }
  | { type: 'term'; value: string }
  | { type: 'true' }
  | { type: 'false' };

/** Where the events come from, in the target's own terms (filled from the activity the source rule reads). */
export interface EmitScope {
  /** Kusto table (`DeviceProcessEvents`). */
  table?: string;
  /** EQL event category (`process`). */
  category?: string;
  /** Index patterns for Elastic languages (`logs-endpoint.events.process-*`). */
  indexes?: string[];
  /** YARA-L `metadata.event_type` (`PROCESS_LAUNCH`). */
  eventType?: string;
  /** Sigma logsource (`product`, `category`, `service`). */
  logsource?: Record<string, string>;
}

/** The rule's metadata where the target's rule format has a place for it. */
export interface EmitMetadata {
  id: string;
  title: string;
  description?: string;
  status?: string;
  severity?: string;
  authors: string[];
  date?: string;
  references: string[];
  tags: string[];
  falsepositives?: string[];
  /** ATT&CK technique ids (`T1197`) and the tactics they are under, resolved with names. */
  threat: ThreatEntry[];
}

export interface ThreatEntry {
  tactic: { id: string; name: string; shortname: string };
  techniques: Array<{ id: string; name: string }>;
}

export interface EmitInput {
  condition: Condition;
  scope: EmitScope;
  metadata: EmitMetadata;
  /** `query`: the query text alone; `rule`: the target's rule file with the metadata (Sigma is always a rule). */
  format: 'query' | 'rule';
}

export interface Emitted {
  text: string;
  losses: Loss[];
}

/** A language that can write rules: `emit` never throws on content; what it cannot express is a loss. */
export type Emitter = (input: EmitInput) => Emitted;
