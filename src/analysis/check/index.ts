/** `check`: findings about rule files from the model, in every language, and their SARIF form. */
export {
  checkPaths,
  checkRule,
  type CatalogEquivalent,
  type CheckResult,
  type EquivalentsInCatalog,
} from './check-files.js';
export { CheckedFile, describeCode, FINDING_LEVELS, type Finding, type FindingLevel } from './finding.js';
export { sarifLog } from './sarif.js';
