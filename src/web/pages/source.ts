/** The source page: its files, rules per format and language, and every rule or file with diagnostics and why. */
import type { RuleProblem, SourceView } from '../../catalog/views.js';
import { html, externalLink, languageLabel, percentText, type Html } from '../markup.js';
import { layout, section } from '../layout.js';
import { ruleHref, searchHref, sourceHref, attackHref } from '../links.js';
import type { Site } from '../site.js';
import { isDeprecated } from '../../knowledge/rules/lifecycle.js';
import { deprecatedTag } from '../copy.js';
import { plural } from '../../text/plural.js';

export type SourcePageData = SourceView;

export function sourcePageData(site: Site, name: string): SourcePageData | undefined {
  return site.catalog.source(name);
}

function diagnosticList(list: RuleProblem['diagnostics']): Html {
  return html`<ul class="plain">
    ${list.map(
      (d) =>
        html`<li>
          <span class="tag ${d.severity}">${d.severity}</span> <span class="mono">${d.line}:${d.column}</span>
          <span class="inert">${d.message}</span>
        </li>`,
    )}
  </ul>`;
}

function ruleProblems(d: SourcePageData): Html {
  if (!d.rulesWithDiagnostics.length)
    return html`<p class="note">No rule of this source has a diagnostic.</p>`;
  return html`<table>
    <thead>
      <tr>
        <th>Rule</th>
        <th>Language</th>
        <th>Diagnostics</th>
      </tr>
    </thead>
    <tbody>
      ${d.rulesWithDiagnostics.map(
        (r) =>
          html`<tr>
            <td>
              <a href="${ruleHref(r.key)}" class="inert">${r.title}</a
              >${isDeprecated(r) ? html` ${deprecatedTag()}` : ''}<br /><span class="note mono"
                >${r.path}</span
              >
            </td>
            <td>${languageLabel(r.language)}</td>
            <td>${diagnosticList(r.diagnostics)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function deprecatedSection(d: SourcePageData): Html | string {
  const { total, rules } = d.deprecated;
  if (!total) return '';
  const more = total > rules.length ? html`<p class="note">The first ${rules.length} are listed.</p>` : '';
  return section(
    'deprecated',
    'Deprecated rules',
    html`<ul class="plain">
        ${rules.map(
          (r) =>
            html`<li>
              ${deprecatedTag()} <a href="${ruleHref(r.key)}" class="inert">${r.title}</a>
              <span class="note mono">${r.path}</span>
            </li>`,
        )}
      </ul>
      ${more}`,
    `${plural(total, 'rule')} kept by the repository for the record (a deprecated status, or a deprecated folder).`,
  );
}

function fileProblems(d: SourcePageData): Html | string {
  if (!d.filesWithDiagnostics.length) return '';
  return section(
    'files',
    'Files with diagnostics',
    html`<table>
      <thead>
        <tr>
          <th>File</th>
          <th>Diagnostics</th>
        </tr>
      </thead>
      <tbody>
        ${d.filesWithDiagnostics.map(
          (f) =>
            html`<tr>
              <td class="mono">${f.path}</td>
              <td>${diagnosticList(f.diagnostics)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`,
  );
}

export function sourcePage(d: SourcePageData): Html {
  const s = d.source;
  return layout(
    { title: `Source ${s.name}`, api: `/api${sourceHref(s.name)}`, section: 'other' },
    html`<nav class="crumbs"><a href="/">Catalog</a> › Source</nav>
      <h1>${s.name}</h1>
      <section class="block">
        <dl class="facts">
          <dt>Folder</dt>
          <dd class="mono">${s.root}</dd>
          ${
            s.remote
              ? html`<dt>Repository</dt>
                  <dd>${externalLink(s.remote)}</dd>`
              : ''
          }
          <dt>Ingested</dt>
          <dd>${s.ingestedAt ?? '-'}</dd>
          <dt>Files</dt>
          <dd>${s.files} (${s.skipped} not rules)</dd>
          <dt>Rules</dt>
          <dd>
            <a href="${searchHref({ source: s.name })}">${s.rules}</a>, ${s.parsed} parsed
            (${percentText(s.parsed, s.rules)}), ${s.errors} with
            errors${d.deprecated.total ? html`, <a href="#deprecated">${d.deprecated.total} deprecated</a>` : ''}
          </dd>
          <dt>Coverage</dt>
          <dd><a href="${attackHref({ source: s.name })}">ATT&amp;CK matrix of this source</a></dd>
        </dl>
      </section>
      ${section(
        'formats',
        'Rules per format and language',
        html`<table>
          <thead>
            <tr>
              <th>Format</th>
              <th>Language</th>
              <th class="num">Rules</th>
              <th class="num">Parsed</th>
            </tr>
          </thead>
          <tbody>
            ${d.formats.map(
              (f) =>
                html`<tr>
                  <td>${f.format}</td>
                  <td>
                    <a href="${searchHref({ source: s.name, language: f.language })}"
                      >${languageLabel(f.language)}</a
                    >
                  </td>
                  <td class="num">${f.rules}</td>
                  <td class="num">${percentText(f.parsed, f.rules)}</td>
                </tr>`,
            )}
          </tbody>
        </table>`,
      )}
      ${section('diagnostics', 'Rules with diagnostics', ruleProblems(d), 'Errors first; a rule is parsed when it has no error.')}
      ${fileProblems(d)} ${deprecatedSection(d)}`,
  );
}
