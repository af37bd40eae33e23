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
export { equivalents, equivalentConcepts, type FieldIndicator, type PathNamePair } from './equivalents.js';
