/** Overlap between rules across languages: the relation of one rule to another, on their normalized logic. */
export {
  RELATION_KINDS,
  classifyForms,
  converse,
  formImplies,
  relateForms,
  relateRules,
  type RelateContext,
  type RelationKind,
  type RuleRelation,
} from './relation.js';
export { ruleForm, type Conjunction, type Literal, type RuleForm } from './normal-form.js';
export { differenceWords, literalText, type Evidence } from './evidence.js';
export { WordIndex, formWords } from './blocking.js';
export {
  byCloseness,
  relateNeighbours,
  relateOutsider,
  type Neighbourhood,
  type RelationRow,
  type RelationUpdate,
} from './neighbours.js';
export {
  compareSides,
  overlapLayer,
  type Counterpart,
  type OverlapCounts,
  type SideRule,
  type SourceOverlap,
  type TechniqueOverlap,
} from './source-overlap.js';
export { verifyClaims, type ClaimCheck, type ClaimViolation, type ContainmentClaim } from './verify.js';
