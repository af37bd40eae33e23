/** The "try an event" data: one pasted or bundled event, normalized and run through every rule of the catalog. */
import type { ExplainedPredicate } from '../../engine/index.js';
import { readEventText } from '../../events/read.js';
import { normalizeEvent } from '../../events/normalize.js';
import { eventRow, type EventRef } from '../../knowledge/events/index.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { NormalizedEvent } from '../../model/event.js';
import { LANGUAGE_IDS } from '../../model/ids.js';
import type { TrialHit } from '../event-trial.js';
import { languageLabel } from '../markup.js';
import { MAX_EVENT_BYTES } from '../security.js';
import type { Site } from '../site.js';
import { exampleEvents } from './try-examples.js';
import { triedTechniques, type TriedTechniques } from './try-techniques.js';

/** The name pasted text goes by in messages. */
const PASTED = 'event';

export interface TryProblem {
  /** 400 for text that is not one JSON event, 413 for more than MAX_EVENT_BYTES. */
  status: 400 | 413;
  message: string;
  diagnostics: Array<{ message: string; line: number; column: number }>;
}

export interface TriedEvent {
  shape: string;
  provider: string | null;
  eventId: string | null;
  /** The event catalog's rows for what the event is. */
  events: EventRef[];
  time: string | null;
}

export interface TryHit {
  key: string;
  title: string;
  source: string;
  path: string;
  techniques: string[];
  /** The predicates that held (empty when the rule fired as a whole: a count, a sequence or a join). */
  predicates: ExplainedPredicate[];
}

export interface TryLanguage {
  language: string;
  label: string;
  /** Rules of the catalog in the language, and those the engine cannot evaluate. */
  rules: number;
  notEvaluable: number;
  hits: TryHit[];
}

export interface TryResult {
  event: TriedEvent;
  rules: number;
  fired: number;
  languages: TryLanguage[];
  techniques: TriedTechniques;
  elapsedMs: number;
}

export type TryOutcome = { result: TryResult } | { problem: TryProblem };

export interface TryPageData {
  examples: Array<{ name: string; event: string }>;
  maxBytes: number;
  /** The example shown, when one was picked. */
  example?: string;
  /** The event text, as pasted or as the example holds it. */
  text: string;
  problem?: TryProblem;
  result?: TryResult;
}

/** `event:3: Malformed JSON…` → `Malformed JSON…`: the position is given apart. */
function diagnosticView(d: Diagnostic): TryProblem['diagnostics'][number] {
  return { message: d.message.replace(/^[^:]*:\d+: /, ''), line: d.line, column: d.column };
}

/** One event from the text, or why not. */
export function parseTriedEvent(text: string): NormalizedEvent | TryProblem {
  if (Buffer.byteLength(text, 'utf8') > MAX_EVENT_BYTES)
    return {
      status: 413,
      message: `The event is larger than ${MAX_EVENT_BYTES / 1024} KiB.`,
      diagnostics: [],
    };
  const diagnostics: Diagnostic[] = [];
  const records = readEventText(text, PASTED, diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').map(diagnosticView);
  if (errors.length)
    return { status: 400, message: 'The event is not a valid JSON object.', diagnostics: errors };
  if (records.length !== 1) {
    const message = records.length
      ? `Give one event; the text holds ${records.length}.`
      : 'Give one event: a JSON object.';
    return { status: 400, message, diagnostics: [] };
  }
  return normalizeEvent(records[0]);
}

function triedEvent(event: NormalizedEvent): TriedEvent {
  return {
    shape: event.record.shape,
    provider: event.provider ?? null,
    eventId: event.eventId ?? null,
    events: event.events.map(eventRow).filter((r): r is EventRef => r !== undefined),
    time: event.time === undefined ? null : new Date(event.time).toISOString(),
  };
}

function tryHit(hit: TrialHit): TryHit {
  return {
    key: hit.key,
    title: hit.title,
    source: hit.source,
    path: hit.path,
    techniques: hit.techniques,
    predicates: hit.explanations?.[0]?.predicates ?? [],
  };
}

/** Every language with rules in the catalog, in the project's language order, each with its hits by title. */
function byLanguage(site: Site, hits: TrialHit[]): TryLanguage[] {
  const counts = site.trial().byLanguage;
  const order = (l: string): number => {
    const i = (LANGUAGE_IDS as readonly string[]).indexOf(l);
    return i < 0 ? LANGUAGE_IDS.length : i;
  };
  return Object.keys(counts)
    .filter((l) => l !== 'none')
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
    .map((language) => ({
      language,
      label: languageLabel(language),
      ...counts[language],
      hits: hits
        .filter((h) => h.language === language)
        .map(tryHit)
        .sort((a, b) => a.title.localeCompare(b.title) || a.key.localeCompare(b.key)),
    }));
}

/** The event run through the catalog's rules; the catalog is only read. */
export function tryEvent(site: Site, text: string): TryOutcome {
  const started = performance.now();
  const event = parseTriedEvent(text);
  if (!('record' in event)) return { problem: event };
  const trial = site.trial();
  const hits = trial.run(event);
  const attack = site.attack().data;
  const firedRules = hits.map((h) => ({ ...h, id: h.key }));
  return {
    result: {
      event: triedEvent(event),
      rules: trial.rules,
      fired: hits.length,
      languages: byLanguage(site, hits),
      techniques: triedTechniques(firedRules, site.coverage({}), attack),
      elapsedMs: Math.round(performance.now() - started),
    },
  };
}

/** The page's data: the examples, the text shown, and the outcome when there is text to try. */
export function tryPageData(site: Site, text: string | undefined, example?: string): TryPageData {
  const data: TryPageData = {
    examples: exampleEvents().map(({ name, event }) => ({ name, event })),
    maxBytes: MAX_EVENT_BYTES,
    text: text ?? '',
  };
  if (example) data.example = example;
  if (text === undefined) return data;
  const outcome = tryEvent(site, text);
  if ('result' in outcome) data.result = outcome.result;
  else {
    data.problem = outcome.problem;
    // Text over the limit is not sent back into the page.
    if (outcome.problem.status === 413) data.text = '';
  }
  return data;
}
