/** ATT&CK as the project holds it: plain, JSON-serialisable data read from any version's STIX bundle. */

export interface Tactic {
  /** `TA0003` */
  id: string;
  /** `persistence` */
  shortname: string;
  name: string;
}

export interface Technique {
  /** `T1197` or `T1048.003` */
  id: string;
  name: string;
  /** Tactic shortnames, from the technique's `mitre-attack` kill chain phases. */
  tactics: string[];
  /** For a sub-technique: its parent technique's id. */
  parent?: string;
  subtechniques: string[];
  deprecated: boolean;
  revoked: boolean;
  /** The technique that replaced a revoked one (`revoked-by` relationship). */
  revokedBy?: string;
  platforms: string[];
  /** Names of the data components that detect it (`Process Creation`); absent when the data does not say. */
  dataComponents?: string[];
}

export interface AttackData {
  /** `18.1`; `fallback` for the bare tactics table; `unknown` when the bundle does not say and cannot be dated. */
  version: string;
  /** `enterprise-attack` */
  domain: string;
  /** In matrix order. */
  tactics: Tactic[];
  techniques: Record<string, Technique>;
}

export type TechniqueStatus = 'ok' | 'unknown' | 'revoked' | 'deprecated';

export interface ResolvedTechnique {
  id: string;
  name: string;
  /** The tactics the loaded version gives the technique (for a revoked one: its replacement's). */
  tactics: Tactic[];
  status: TechniqueStatus;
  /** For a revoked technique: the technique that replaced it. */
  resolvedTo?: string;
  parent?: string;
}

export interface RuleAttack {
  techniques: ResolvedTechnique[];
  /**
   * Matrix order; each with the rule's techniques shown under it. `declared` marks the tactics the rule states
   * itself (Elastic `threat`, YARA-L `tactic`, Sigma tactic tags, a Markdown table), apart from those ATT&CK
   * also lists for its techniques.
   */
  tactics: Array<Tactic & { techniques: string[]; declared?: boolean }>;
}

/** ATT&CK as a rule declares it (the shape of `DeclaredAttack` in the model). */
export interface DeclaredAttackInput {
  techniques: string[];
  tactics: string[];
  names: Record<string, string>;
}
