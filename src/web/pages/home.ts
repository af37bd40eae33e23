/** The home page: sources with rule counts per language, parse health, ATT&CK coverage at a glance, the most shared indicators. */
import { noun, plural } from '../../text/plural.js';
import type { SourceStats } from '../../catalog/stats.js';
import { sumStats } from '../../catalog/stats.js';
import type { IndicatorView } from '../../catalog/views.js';
import { html, languageLabel, percentText, type Html } from '../markup.js';
import { layout, section } from '../layout.js';
import { attackHref, searchHref, sourceHref } from '../links.js';
import type { Site } from '../site.js';
import { indicatorTable } from './indicator-table.js';

const TOP_INDICATORS = 15;

export interface TacticGlance {
  id: string;
  shortname: string;
  name: string;
  /** Techniques of the tactic that some rule names, of those the loaded data has. */
  techniques: number;
  available: number;
  /** Distinct rules with a technique under the tactic. */
  rules: number;
}

export interface HomePageData {
  sources: SourceStats[];
  totals: ReturnType<typeof sumStats>;
  health: { rules: number; parsed: number; parsedPercent: number; errors: number };
  attack: {
    version: string;
    full: boolean;
    techniques: number;
    rulesWithTechniques: number;
    tactics: TacticGlance[];
  };
  topIndicators: IndicatorView[];
}

export function homePageData(site: Site): HomePageData {
  const sources = site.catalog.sources();
  const totals = sumStats(sources);
  const attack = site.attack();
  const coverage = site.coverage({});
  const tactics = coverage.tactics.map((t) => ({
    id: t.id,
    shortname: t.shortname,
    name: t.name,
    techniques: t.covered,
    available: t.available,
    rules: t.rules,
  }));
  const techniques = Object.values(coverage.techniques).filter((t) => t.rules > 0).length;
  return {
    sources,
    totals,
    health: {
      rules: totals.rules,
      parsed: totals.parsed,
      parsedPercent: totals.rules ? Math.round((1000 * totals.parsed) / totals.rules) / 10 : 100,
      errors: totals.errors,
    },
    attack: {
      version: attack.data.version,
      full: attack.full,
      techniques,
      rulesWithTechniques: coverage.rulesWithTechniques,
      tactics,
    },
    topIndicators: site.catalog.indicators({ kind: 'detection', top: TOP_INDICATORS }),
  };
}

function sourcesTable(d: HomePageData): Html {
  const languages = Object.keys(d.totals.byLanguage).sort();
  const cell = (s: SourceStats, l: string): Html | string => {
    const n = s.byLanguage[l]?.rules;
    return n ? html`<a href="${searchHref({ source: s.name, language: l })}">${n}</a>` : '';
  };
  return html`<table id="sources">
    <thead>
      <tr>
        <th>Source</th>
        <th class="num">Files</th>
        ${languages.map((l) => html`<th class="num">${languageLabel(l)}</th>`)}
        <th class="num">Rules</th>
        <th class="num">Parsed</th>
        <th class="num">With errors</th>
      </tr>
    </thead>
    <tbody>
      ${d.sources.map(
        (s) =>
          html`<tr>
            <td><a href="${sourceHref(s.name)}">${s.name}</a></td>
            <td class="num">${s.files}</td>
            ${languages.map((l) => html`<td class="num">${cell(s, l)}</td>`)}
            <td class="num">${s.rules}</td>
            <td class="num">${percentText(s.parsed, s.rules)}</td>
            <td class="num">${s.errors}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function glance(d: HomePageData): Html {
  const a = d.attack;
  return html`<p>
      ${plural(a.techniques, 'technique')} covered by ${plural(a.rulesWithTechniques, 'rule')} · ATT&amp;CK
      ${a.version}${a.full ? '' : ' (table shipped with ruleatlas)'} ·
      <a href="${attackHref({})}">open the matrix</a>
    </p>
    <table>
      <thead>
        <tr>
          <th>Tactic</th>
          <th class="num">Techniques covered</th>
          <th class="num">Rules</th>
        </tr>
      </thead>
      <tbody>
        ${a.tactics.map(
          (t) =>
            html`<tr>
              <td><a href="${searchHref({ tactic: t.shortname })}">${t.name}</a></td>
              <td class="num">${t.techniques}${t.available ? ` of ${t.available}` : ''}</td>
              <td class="num">${t.rules}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function indicators(d: HomePageData): Html {
  if (!d.topIndicators.length) return html`<p class="note">No indicator yet.</p>`;
  return indicatorTable(d.topIndicators);
}

export function homePage(d: HomePageData): Html {
  const h = d.health;
  return layout(
    { title: 'Detection rule catalog', api: '/api/', section: 'home' },
    html`<h1>Detection rule catalog</h1>
      <div class="grid">
        <div class="block">
          <div class="stat">${h.rules} <small>${noun(h.rules, 'rule')}</small></div>
          <p class="note">in ${plural(d.sources.length, 'source')}, ${plural(d.totals.files, 'file')}</p>
        </div>
        <div class="block">
          <div class="stat">${h.parsedPercent}% <small>parsed</small></div>
          <p class="note">${h.parsed} parsed, ${h.errors} with errors</p>
        </div>
        <div class="block">
          <div class="stat">${d.attack.techniques} <small>ATT&amp;CK techniques</small></div>
          <p class="note"><a href="/attack">coverage matrix</a></p>
        </div>
      </div>
      ${section('sources-block', 'Sources', d.sources.length ? sourcesTable(d) : html`<p class="note">The catalog is empty: run <code>ruleatlas ingest PATH</code>.</p>`)}
      ${section('coverage', 'ATT&CK coverage at a glance', glance(d))}
      ${section('top-indicators', 'Most shared indicators', indicators(d), 'Detection indicators shared by the most rules, across languages.')}`,
  );
}
