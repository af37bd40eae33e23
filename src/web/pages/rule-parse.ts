/** The rule page's parse sections: stages with predicates, indicators with corpus counts, terms, file facts, diagnostics. */
import { visibleValue } from '../../text/visible.js';
import { html, indicatorValueText, bytesText, corpusText, type Html } from '../markup.js';
import { section } from '../layout.js';
import { indicatorHref } from '../links.js';
import { highlight } from '../highlight/index.js';
import type { ReportStage } from '../../analysis/report/index.js';
import type { RulePageData } from './rule-data.js';
import { relatedList } from './indicator-table.js';
import { copyButton, copyValueButton } from '../copy.js';

/**
 * A stage's text as it stands in the file: the first line is put back at its column, then the common
 * indentation goes, so a YAML selection reads as YAML again. Text whose later lines sit left of that column
 * (a query from a YAML block scalar, already dedented) is shown as it is.
 */
export function stageDisplayText(text: string, column = 1): string {
  const lines = text.split('\n');
  const indent = (l: string): number => l.length - l.trimStart().length;
  const rest = lines.slice(1).filter((l) => l.trim());
  const pad = column - 1;
  if (pad <= 0 || rest.length === 0 || rest.some((l) => indent(l) < pad)) return text;
  const cut = Math.min(pad, ...rest.map(indent));
  return [lines[0], ...lines.slice(1).map((l) => l.slice(Math.min(cut, indent(l))))]
    .join('\n')
    .replace(/^/, ' '.repeat(pad - cut));
}

/** Sigma stages other than the condition are YAML selections; every other stage is query text. */
function stageText(r: RulePageData, s: ReportStage): Html {
  const yaml = r.language === 'sigma' && s.kind !== 'condition';
  return highlight(stageDisplayText(s.text, s.column), yaml ? 'yaml' : 'query', r.language);
}

function predicateRows(s: ReportStage): Html | string {
  if (!s.predicates.length) return '';
  return html`<table class="predicates">
    <thead>
      <tr>
        <th>Field</th>
        <th>Op</th>
        <th>Values</th>
        <th></th>
      </tr>
    </thead>
    <tbody>
      ${s.predicates.map(
        (p) =>
          html`<tr>
            <td class="mono">
              ${p.field ?? '(keyword)'}${p.scope ? html` <span class="note">in ${p.scope}</span>` : ''}
            </td>
            <td>${p.op}${p.all ? ' all' : ''}</td>
            <td>
              <ul class="plain mono">
                ${p.values.map((v) => html`<li>${visibleValue(v)}</li>`)}
              </ul>
            </td>
            <td>
              ${p.negated ? html`<span class="tag negated">not</span>` : ''}${p.caseSensitive ? html`<span class="tag">case-sensitive</span>` : ''}${(p.modifiers ?? []).map((m) => html`<span class="tag">${m}</span>`)}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function stagesSection(r: RulePageData): Html {
  if (!r.stages.length)
    return section(
      'stages',
      'Stages and predicates',
      html`<p class="note">${r.language ? 'No stage was parsed.' : 'This rule has no query.'}</p>`,
    );
  return section(
    'stages',
    'Stages and predicates',
    html`${r.stages.map(
      (s) =>
        html`<div class="stage">
          <h3>
            Stage ${s.index}:
            ${s.kind}${s.name && s.name !== s.kind ? html` <span class="note">${s.name}</span>` : ''}${s.parent !== undefined ? html` <span class="note">in stage ${s.parent}</span>` : ''}
          </h3>
          <div class="codebar">${copyButton(`stage-${s.index}-code`, 'Copy the query')}</div>
          <pre class="code stage"><code id="stage-${s.index}-code">${stageText(r, s)}</code></pre>
          ${predicateRows(s)}
        </div>`,
    )}`,
  );
}

function indicatorTable(list: RulePageData['indicators']): Html {
  return html`<table class="indicators">
    <thead>
      <tr>
        <th>Field</th>
        <th>Kind</th>
        <th>Value</th>
        <th>Other rules</th>
      </tr>
    </thead>
    <tbody>
      ${list.map((i) => {
        const counts = corpusText(i.count ?? 0, i.byLanguage ?? {}, 'others');
        const eq =
          i.equivalentCount !== undefined && i.equivalentCount !== i.count
            ? html`<br /><span class="note"
                  >with equivalents
                  ${corpusText(i.equivalentCount, i.equivalentByLanguage ?? {}, 'others')}</span
                >`
            : '';
        const concept =
          i.canonical !== (i.field ?? 'keyword').toLowerCase()
            ? html`<br /><span class="note">${i.canonical}</span>`
            : '';
        return html`<tr>
          <td class="mono">${i.field ?? '(keyword)'}${concept}</td>
          <td>${i.op}</td>
          <td class="mono">
            <a href="${indicatorHref(i)}">${indicatorValueText(i.value)}</a>
            ${i.value ? copyValueButton(i.value, `Copy the value ${i.value}`) : ''}
          </td>
          <td>${counts}${eq}${relatedList(i.related)}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

const INDICATOR_NOTE =
  'Each row is a field, operator and value the rule matches. The last column counts how many other rules in the catalog look for the same combination, by language: high numbers point to widely used indicators.';

export function indicatorsSection(r: RulePageData): Html {
  const detection = r.indicators.filter((i) => i.kind === 'detection');
  const exclusion = r.indicators.filter((i) => i.kind === 'exclusion');
  if (!r.indicators.length)
    return section(
      'indicators',
      'Indicators',
      html`<p class="note">No field predicate to lift into an indicator.</p>`,
    );
  return section(
    'indicators',
    'Indicators',
    html`${
      detection.length
        ? html`<h3>Detection</h3>
            ${indicatorTable(detection)}`
        : ''
    }
    ${
      exclusion.length
        ? html`<h3>Exclusions</h3>
            <p class="note">Values the rule filters out (negated predicates), counted apart.</p>
            ${indicatorTable(exclusion)}`
        : ''
    }`,
    INDICATOR_NOTE,
  );
}

export function termsSection(r: RulePageData): Html | string {
  if (!r.terms.length) return '';
  return section(
    'terms',
    'Search terms',
    html`<table>
      <thead>
        <tr>
          <th class="num">Stage</th>
          <th>Term</th>
        </tr>
      </thead>
      <tbody>
        ${r.terms.map(
          (t) =>
            html`<tr>
              <td class="num">${t.stage}</td>
              <td class="mono">
                ${t.negated ? html`<span class="tag negated">not</span>` : ''}${t.quoted ? `"${t.value}"` : t.value}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`,
    'Bare tokens matched against the raw event text anywhere it appears, not against one field.',
  );
}

export function fileFactsSection(r: RulePageData): Html {
  return section(
    'file',
    'File',
    html`<dl class="facts">
      <dt>Path</dt>
      <dd class="mono">${r.file.path}</dd>
      <dt>Lines</dt>
      <dd>${r.file.lines} lines</dd>
      <dt>Size</dt>
      <dd>${bytesText(r.file.bytes)}</dd>
      <dt>Format</dt>
      <dd>${r.file.format}</dd>
    </dl>`,
  );
}

export function diagnosticsSection(r: RulePageData): Html | string {
  if (!r.diagnostics.length) return '';
  return section(
    'diagnostics',
    'Diagnostics',
    html`<table>
      <thead>
        <tr>
          <th>Where</th>
          <th>Severity</th>
          <th>Message</th>
        </tr>
      </thead>
      <tbody>
        ${r.diagnostics.map(
          (d) =>
            html`<tr>
              <td class="mono">${r.file.path}:${d.line}:${d.column}</td>
              <td><span class="tag ${d.severity}">${d.severity}</span></td>
              <td class="inert">${d.message}</td>
            </tr>`,
        )}
      </tbody>
    </table>`,
  );
}
