/** ATT&CK coverage of rule sets: the matrix, its comparison, and ATT&CK Navigator layers. */
export { coverageMatrix, compareCoverage, type Coverage, type CoverageRule, type TacticCoverage, type TechniqueCoverage } from './matrix.js';
export { navigatorLayer, type LayerOptions, type LayerTechnique } from './navigator.js';
export { declaredTacticsOnly } from './declared.js';
export { firedLayer, type FiredLayerOptions } from './fired.js';
export { visibility, type EventFilter, type Visibility, type VisibilityRule, type LanguageVisibility, type BlindRule } from './visibility.js';
