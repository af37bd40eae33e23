/** The engine: rules' models compiled once into matchers, events evaluated in a stream. */
export { Hunt, type HuntHit, type HuntOptions, type HuntResult, type NotEvaluableRule } from './hunt.js';
export type { Explanation, ExplainedPredicate } from './explain.js';
export type { RuleRef } from './compile.js';
