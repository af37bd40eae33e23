/**
 * The rule page, in the seed pages' order: header facts, description (and an Elastic rule's investigation guide),
 * ATT&CK, references, events, body, parse.
 */
import { reportWarnings } from '../../analysis/report/index.js';
import { html, externalLink, languageLabel, type Html } from '../markup.js';
import { layout, section } from '../layout.js';
import { similarSection } from './rule-similar.js';
import { ruleHref, searchHref, sourceHref, techniqueHref } from '../links.js';
import { fileSyntax, highlight } from '../highlight/index.js';
import type { RulePageData } from './rule-data.js';
import {
  diagnosticsSection,
  fileFactsSection,
  indicatorsSection,
  stagesSection,
  termsSection,
} from './rule-parse.js';
import { conversionsSection } from './rule-conversions.js';
import { renderMarkdown } from '../markdown.js';
import { copyButton, deprecatedTag } from '../copy.js';

function header(r: RulePageData): Html {
  const language = r.language ?? 'none';
  return html`<nav class="crumbs" aria-label="Breadcrumb">
      <a href="/search">Detection rules</a> ›
      <a href="${searchHref({ language })}">${languageLabel(r.language)}</a>
    </nav>
    <h1 id="title" class="inert">${r.title}</h1>
    ${reportWarnings(r).map((w) => html`<p class="banner ${w.level}" role="alert">${w.message}</p>`)}
    ${
      r.deprecated
        ? html`<p class="banner deprecated">
            This rule is deprecated: its repository keeps it for the record, not to run.
          </p>`
        : ''
    }`;
}

/** `every 5m, each run looking back to now-9m`. */
function schedule(e: NonNullable<RulePageData['elastic']>): string | null {
  if (!e.interval && !e.from) return null;
  const every = e.interval ? `every ${e.interval}` : 'at the default interval';
  return e.from ? `${every}, each run looking back to ${e.from}` : every;
}

function facts(r: RulePageData): Html {
  const source = html`<a href="${sourceHref(r.source.name)}">${r.source.name}</a>:
    <span class="mono">${r.file.path}</span>`;
  const upstream = r.link
    ? html`<a id="upstream" href="${r.link}" rel="noopener noreferrer" target="_blank">${r.link}</a>`
    : null;
  const status = r.status ? html`${r.status}${r.deprecated ? html` ${deprecatedTag()}` : ''}` : null;
  const e = r.elastic;
  const row = (label: string, value: Html | string | null | undefined): Html | string =>
    value
      ? html`<dt>${label}</dt>
          <dd>${value}</dd>`
      : '';
  return html`<section id="facts" class="block">
    <dl class="facts">
      ${row('Status', status ?? (r.deprecated ? deprecatedTag() : null))} ${row('Severity', r.severity)}
      ${row('Risk score', e?.riskScore === null || !e ? null : String(e.riskScore))}
      ${row('Rule type', e?.ruleType)} ${row('Schedule', e ? schedule(e) : null)}
      ${row('Log source', r.logSource)} ${row('Author', r.authors.join(', '))} ${row('Created', r.created)}
      ${row('Updated', r.updated)} ${row('Source', source)} ${row('In its repository', upstream)}
      ${row('Format', `${r.format} · ${languageLabel(r.language)}`)} ${row('Rule id', r.id)}
    </dl>
  </section>`;
}

function description(r: RulePageData): Html | string {
  if (!r.description) return '';
  return section('description', 'Description', html`<p class="inert prewrap">${r.description}</p>`);
}

function guide(r: RulePageData): Html | string {
  const text = r.elastic?.guide;
  if (!text) return '';
  return section(
    'guide',
    'Investigation guide',
    html`<div class="guide inert">${renderMarkdown(text)}</div>`,
  );
}

function attack(r: RulePageData): Html {
  const names = new Map(r.attack.techniques.map((t) => [t.id, t]));
  const technique = (id: string): Html => {
    const t = names.get(id);
    const mark =
      t && t.status !== 'ok'
        ? html` <span class="tag warning">${t.status}${t.resolvedTo ? ` → ${t.resolvedTo}` : ''}</span>`
        : '';
    return html`<li><a href="${techniqueHref(id)}">${id}</a> ${t?.name ?? ''}${mark}</li>`;
  };
  const placed = r.attack.tactics.map(
    (t) =>
      html`<tr>
        <td>
          <a href="${searchHref({ tactic: t.shortname })}">${t.name}</a> <span class="note">${t.id}</span>${
            t.declared ? html` <span class="tag">declared</span>` : ''
          }
        </td>
        <td>
          ${
            t.techniques.length
              ? html`<ul class="plain">
                  ${t.techniques.map(technique)}
                </ul>`
              : html`<span class="note">tactic declared, no technique</span>`
          }
        </td>
      </tr>`,
  );
  const loose = r.attack.techniques.filter((t) => t.tactics.length === 0);
  const unplaced = loose.length
    ? html`<tr>
        <td><span class="note">no tactic known</span></td>
        <td>
          <ul class="plain">
            ${loose.map((t) => technique(t.id))}
          </ul>
        </td>
      </tr>`
    : '';
  const note = r.attackNotice ?? `ATT&CK ${r.attackVersion}`;
  const body =
    placed.length || loose.length
      ? html`<table>
          <thead>
            <tr>
              <th>Tactic</th>
              <th>Techniques</th>
            </tr>
          </thead>
          <tbody>
            ${placed}${unplaced}
          </tbody>
        </table>`
      : html`<p class="note">The rule declares no ATT&CK technique or tactic.</p>`;
  return section('attack', 'MITRE ATT&CK coverage', body, note);
}

function references(r: RulePageData): Html | string {
  if (!r.references.length) return '';
  return section(
    'references',
    'References',
    html`<ul class="refs">
      ${r.references.map((ref) => html`<li class="inert">${externalLink(ref)}</li>`)}
    </ul>`,
  );
}

function events(r: RulePageData): Html {
  const body = r.events.length
    ? html`<table>
        <thead>
          <tr>
            <th>Provider</th>
            <th>Event</th>
            <th>Title</th>
          </tr>
        </thead>
        <tbody>
          ${r.events.map(
            (e) =>
              html`<tr>
                <td>${e.provider}</td>
                <td><a href="${searchHref({ event: e.event })}">${e.event}</a></td>
                <td>${e.title}</td>
              </tr>`,
          )}
        </tbody>
      </table>`
    : html`<p class="note">No log event is known for this rule's log source.</p>`;
  return section('events', 'Event coverage', body);
}

/** The whole rule, never cut: it grows with its text, and wraps long lines on request (no script needed). */
function body(r: RulePageData): Html {
  const syntax = fileSyntax(r.file.format);
  return section(
    'body',
    `Rule body ${r.file.format.toLowerCase()}`,
    html`<div class="codebar">
        <label><input type="checkbox" id="wrap-body" /> Wrap long lines</label>
        <a id="raw-download" href="${ruleHref(r.key)}/raw" download>Download the rule file</a>
        ${copyButton('rule-body-code', 'Copy the rule')}
      </div>
      <pre
        class="code"
        id="rule-body"
      ><code id="rule-body-code">${highlight(r.raw, syntax, r.language)}</code></pre>`,
  );
}

export function rulePage(r: RulePageData): Html {
  return layout(
    { title: r.title, api: `/api${ruleHref(r.key)}`, section: 'other' },
    html`<article class="rule">
      ${header(r)} ${facts(r)} ${description(r)} ${guide(r)} ${attack(r)} ${references(r)} ${events(r)}
      ${body(r)} ${conversionsSection(r.key, r.conversions, r.language)} ${stagesSection(r)}
      ${indicatorsSection(r)} ${similarSection(r.similar)} ${termsSection(r)} ${fileFactsSection(r)}
      ${diagnosticsSection(r)}
    </article>`,
  );
}
