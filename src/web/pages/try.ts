/** The "try an event" page: a form for one event, the rules that fire on it by language, and the techniques they name. */
import { plural } from '../../text/plural.js';
import type { ExplainedPredicate } from '../../engine/index.js';
import { html, byLanguageText, type Html } from '../markup.js';
import { layout, section } from '../layout.js';
import { ruleHref, techniqueHref } from '../links.js';
import type { TryHit, TryLanguage, TryPageData, TryProblem, TryResult } from './try-data.js';

function exampleForm(d: TryPageData): Html {
  return html`<form class="filters autosubmit" id="examples" action="/try" method="get">
    <label
      >Example event<select name="example">
        <option value="">choose an example…</option>
        ${d.examples.map(
          (e) =>
            html`<option value="${e.name}" ${e.name === d.example ? 'selected' : ''}>
              ${e.name} (${e.event})
            </option>`,
        )}
      </select></label
    >
    <button type="submit">Try the example</button>
  </form>`;
}

function eventForm(d: TryPageData): Html {
  return html`<form id="try-form" action="/try" method="post" enctype="multipart/form-data">
    <label for="event">Event (one JSON object, at most ${d.maxBytes / 1024} KiB)</label>
    <textarea id="event" name="event" rows="14" spellcheck="false" maxlength="${d.maxBytes}" required>
${d.text}</textarea>
    <p><button type="submit">Find the rules that fire</button></p>
  </form>`;
}

function problemBlock(p: TryProblem): Html {
  return html`<section id="problem" class="block problem" role="alert">
    <h2>${p.message}</h2>
    ${
      p.diagnostics.length
        ? html`<ul class="plain">
            ${p.diagnostics.map((d) => html`<li>line ${d.line}, column ${d.column}: ${d.message}</li>`)}
          </ul>`
        : ''
    }
  </section>`;
}

function predicateLine(p: ExplainedPredicate): Html {
  const values = p.eventValues
    ? html` <span class="note">event:</span>
        ${p.eventValues.length === 1 ? p.eventValues[0] : p.eventValues.join(' | ')}`
    : '';
  return html`<li>
    <span class="note">${p.stage}:</span> ${p.negated ? html`<span class="tag negated">not</span>` : ''}${
      p.field ?? '(keyword)'
    } <b>${p.op}</b> ${p.values.join(' | ')}${values}
  </li>`;
}

function hitItem(h: TryHit): Html {
  return html`<li>
    <a href="${ruleHref(h.key)}" class="inert">${h.title}</a>
    <div class="meta">
      <span class="mono">${h.source}:${h.path}</span
      >${h.techniques.length ? ` · ${h.techniques.join(', ')}` : ''}
    </div>
    ${
      h.predicates.length
        ? html`<ul class="plain mono why">
            ${h.predicates.map(predicateLine)}
          </ul>`
        : html`<p class="note">
            Fired as a whole (a count, a sequence or a join): no single predicate to show.
          </p>`
    }
  </li>`;
}

function languageTable(r: TryResult): Html {
  return html`<table id="languages">
    <thead>
      <tr>
        <th>Language</th>
        <th class="num">Fired</th>
        <th class="num">Rules</th>
        <th class="num">Not evaluable</th>
      </tr>
    </thead>
    <tbody>
      ${r.languages.map(
        (l) =>
          html`<tr data-language="${l.language}">
            <td>${l.hits.length ? html`<a href="#hits-${l.language}">${l.label}</a>` : l.label}</td>
            <td class="num">${l.hits.length}</td>
            <td class="num">${l.rules}</td>
            <td class="num">${l.notEvaluable}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function languageHits(l: TryLanguage): Html | string {
  if (!l.hits.length) return '';
  return html`<div id="hits-${l.language}" class="hits" data-language="${l.language}">
    <h3>${l.label} <span class="note">${l.hits.length} fired</span></h3>
    <ul class="results">
      ${l.hits.map(hitItem)}
    </ul>
  </div>`;
}

function techniquesSection(r: TryResult): Html {
  const t = r.techniques;
  const note = `${plural(t.fired.length, 'technique')} fired; the catalog covers ${t.catalogCovered} (ATT&CK ${t.attackVersion}).`;
  const body = t.fired.length
    ? html`<table>
        <thead>
          <tr>
            <th>Technique</th>
            <th>Tactics</th>
            <th class="num">Rules fired</th>
            <th class="num">Rules in the catalog</th>
          </tr>
        </thead>
        <tbody>
          ${t.fired.map(
            (f) =>
              html`<tr data-technique="${f.id}">
                <td><a href="${techniqueHref(f.id)}">${f.id}</a> ${f.name}</td>
                <td>${f.tactics.join(', ')}</td>
                <td class="num" title="${byLanguageText(f.firedByLanguage)}">${f.fired}</td>
                <td class="num">${f.catalogRules}</td>
              </tr>`,
          )}
        </tbody>
      </table>`
    : html`<p class="note">No rule that fired names an ATT&amp;CK technique.</p>`;
  const tactics = t.tactics.length
    ? html`<p id="tactics">
        ${t.tactics.map(
          (c) =>
            html`<span class="tag" data-tactic="${c.id}"
              >${c.name}: ${c.fired} fired of ${c.covered} covered</span
            > `,
        )}
      </p>`
    : '';
  const unknown = t.unknown.length
    ? html`<p class="note">Not in the loaded ATT&amp;CK data: ${t.unknown.join(', ')}</p>`
    : '';
  return section('techniques', 'ATT&CK techniques that fired', html`${tactics}${body}${unknown}`, note);
}

function results(r: TryResult): Html {
  const what = r.event.events.map((e) => `${e.provider} ${e.event}: ${e.title}`).join('; ');
  return html`<section id="results" class="block">
      <h2>${r.fired} of ${plural(r.rules, 'rule')} fired</h2>
      <p class="note" id="event-kind">
        ${what || 'An event the event catalog does not name'} ·
        ${r.event.shape}${r.event.time ? ` · ${r.event.time}` : ''} · ${r.elapsedMs} ms
      </p>
      ${languageTable(r)} ${r.languages.map(languageHits)}
    </section>
    ${techniquesSection(r)}`;
}

export function tryPage(d: TryPageData): Html {
  const api = d.example ? `/api/try?example=${encodeURIComponent(d.example)}` : '/api/try';
  return layout(
    { title: 'Try an event', api, section: 'try' },
    html`<h1>Try an event</h1>
      <p class="note">
        Paste one event (an EVTX record as JSON, flat Sysmon or Security fields, ECS, a Splunk export, a
        Defender row) or pick an example: every rule of the catalog that can be evaluated runs on it, in every
        language. The event is not stored.
      </p>
      ${exampleForm(d)} ${eventForm(d)} ${d.problem ? problemBlock(d.problem) : ''}
      ${d.result ? results(d.result) : ''}`,
  );
}
