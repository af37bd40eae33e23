/** The field taxonomy: canonical concepts across schemas, and the equivalences indicators use. */
export {
  canonicalField,
  fieldConcept,
  fieldConcepts,
  fieldSchemas,
  languageSchemas,
  type FieldConcept,
  type FieldOptions,
} from './taxonomy.js';
export {
  argumentConcepts,
  equivalents,
  indicatorLinks,
  equivalentConcepts,
  type ArgumentsPair,
  type FieldIndicator,
  type PathNamePair,
} from './equivalents.js';
export { canonicalRegistryPath, registryKeyConcepts } from './registry.js';
export { ecsFieldType, type EcsFieldType } from './field-types.js';
