/** The normalized model: plain, JSON-serialisable types keyed by `type`, with no logic. */
export * from './span.js';
export * from './diagnostic.js';
export * from './predicate.js';
export * from './stage.js';
export * from './ids.js';
export * from './rule.js';
export * from './artifact.js';
export * from './indicator.js';
export * from './event.js';
