/** The rule report: its typed shape, its builder, and its text form. */
export {
  ruleReport,
  type ReportDiagnostic,
  type ReportIndicator,
  type ReportPredicate,
  type ReportStage,
  type ReportTerm,
  type RuleReport,
  type RuleReportInput,
} from './report.js';
export { ruleReportText } from './text.js';
export { reportWarnings, type ReportWarning } from './warnings.js';
