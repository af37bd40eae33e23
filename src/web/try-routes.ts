/** Routes of the "try an event" page and its JSON twin: GET for the form and the examples, POST for a pasted event. */
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { notFound } from './layout.js';
import { FORM_OVERHEAD, MAX_EVENT_BYTES, param, sameOrigin } from './security.js';
import type { Site } from './site.js';
import { tryPage } from './pages/try.js';
import { tryEvent, tryPageData, type TryPageData } from './pages/try-data.js';
import { exampleEvent } from './pages/try-examples.js';

const TOO_LARGE = `The event is larger than ${MAX_EVENT_BYTES / 1024} KiB.`;
const CROSS_SITE = 'Forbidden: events are tried from this site’s own page only';
const NO_EXAMPLE = 'No example event of that name.';

/** The page with a problem instead of results, under the problem's status. */
function problemPage(
  c: Context,
  site: Site,
  status: 400 | 413,
  message: string,
): Response | Promise<Response> {
  const data: TryPageData = {
    ...tryPageData(site, undefined),
    problem: { status, message, diagnostics: [] },
  };
  return c.html(tryPage(data), status);
}

/** The text of the form's `event` field; undefined when the body is not the page's form. */
async function formEvent(c: Context): Promise<string | undefined> {
  try {
    const body = await c.req.parseBody();
    return typeof body.event === 'string' ? body.event : undefined;
  } catch {
    return undefined;
  }
}

function registerGets(app: Hono, site: Site): void {
  app.get('/try', (c) => {
    const name = param(c.req.query('example'));
    if (!name) return c.html(tryPage(tryPageData(site, undefined)));
    const example = exampleEvent(name);
    if (!example) return c.html(notFound(NO_EXAMPLE, '/api/try'), 404);
    return c.html(tryPage(tryPageData(site, example.text, example.name)));
  });
  app.get('/api/try', (c) => {
    const name = param(c.req.query('example'));
    if (!name) {
      const { examples, maxBytes } = tryPageData(site, undefined);
      return c.json({ examples, maxBytes });
    }
    const example = exampleEvent(name);
    if (!example) return c.json({ error: NO_EXAMPLE }, 404);
    const outcome = tryEvent(site, example.text);
    return 'result' in outcome
      ? c.json({ example: example.name, ...outcome.result })
      : c.json({ error: outcome.problem.message, diagnostics: outcome.problem.diagnostics }, 400);
  });
}

function registerPosts(app: Hono, site: Site): void {
  app.post(
    '/try',
    async (c, next) => (sameOrigin(c) ? next() : c.text(CROSS_SITE, 403)),
    bodyLimit({
      maxSize: MAX_EVENT_BYTES + FORM_OVERHEAD,
      onError: (c) => problemPage(c, site, 413, TOO_LARGE),
    }),
    async (c) => {
      const text = await formEvent(c);
      if (text === undefined) return problemPage(c, site, 400, 'Give one event in the form’s event field.');
      const data = tryPageData(site, text);
      return c.html(tryPage(data), data.problem?.status ?? 200);
    },
  );
  app.post(
    '/api/try',
    async (c, next) => (sameOrigin(c) ? next() : c.json({ error: CROSS_SITE }, 403)),
    bodyLimit({ maxSize: MAX_EVENT_BYTES, onError: (c) => c.json({ error: TOO_LARGE }, 413) }),
    async (c) => {
      const outcome = tryEvent(site, await c.req.text());
      if ('result' in outcome) return c.json(outcome.result);
      const { status, message, diagnostics } = outcome.problem;
      return c.json({ error: message, diagnostics }, status);
    },
  );
}

export function registerTry(app: Hono, site: Site): void {
  registerGets(app, site);
  registerPosts(app, site);
}
