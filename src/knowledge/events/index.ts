/** The event catalog: which log events a rule needs, from its context, data sources and event-id predicates. */
export type { EventRef, Provider, ProviderKind } from './catalog.js';
export { provider, providers, providerByName, eventRow } from './catalog.js';
export { eventsForRule, type EventInput, type EventPredicate } from './rule-events.js';
export {
  parseEventSet,
  eventRefKey,
  collectedWith,
  collectedWithout,
  type EventSet,
  type EventSetParse,
} from './event-set.js';
