/** ATT&CK knowledge: read any version's STIX bundle, the shipped table without one, resolve what rules declare. */
export type {
  AttackData,
  Tactic,
  Technique,
  TechniqueStatus,
  ResolvedTechnique,
  RuleAttack,
  DeclaredAttackInput,
} from './types.js';
export { readAttackBundle, type ReadBundleOptions } from './bundle.js';
export {
  fallbackAttack,
  learnTechniqueNames,
  isFallback,
  FALLBACK_VERSION,
  FALLBACK_NOTICE,
} from './fallback.js';
export { resolveAttack } from './resolve.js';
export {
  offlineAttack,
  offlineVersion,
  offlineTable,
  offlineTableText,
  type OfflineTable,
} from './offline-table.js';
export { downloadAttackBundle, DEFAULT_ATTACK_URL } from './download.js';
export { knownTactics, normalizeTactic, findTactic } from './tactics.js';
export { majorVersion, versionFromFileName } from './version.js';
export {
  loadAttack,
  attackCachePath,
  tacticTechniques,
  techniqueTacticPairs,
  ATTACK_NOT_LOADED,
  type LoadedAttack,
  type AttackStore,
} from './load.js';
export { otherMatrix, type OtherMatrix } from './other-matrices.js';
