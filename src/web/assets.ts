/** The stylesheet and the one small script, served by the app itself (no CDN): pages work without the script. */
import type { Hono } from 'hono';
import { RULE_MATRIX_SCRIPT, RULE_MATRIX_STYLE } from './rule-matrix-assets.js';

/** Bumped with the assets so browsers do not keep an old copy. */
export const ASSET_VERSION = '6';

const STYLE = `
:root { --ink:#1d2430; --muted:#5d6878; --line:#dde2ea; --bg:#f7f8fa; --card:#fff; --accent:#1f5fbf; --bad:#b3261e; --warn:#8a5a00; --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink); background:var(--bg); }
a { color:var(--accent); text-decoration:none; } a:hover { text-decoration:underline; }
.top { display:flex; gap:1.5rem; align-items:center; padding:.6rem 1.5rem; background:#14213d; color:#fff; flex-wrap:wrap; }
.top a { color:#dfe7f5; } .top .brand { font-weight:700; font-size:1.15rem; color:#fff; }
.top nav { display:flex; gap:1rem; } .top nav a[aria-current=page] { color:#fff; border-bottom:2px solid #ffd166; }
.top form.quick { margin-left:auto; } .top input { width:22rem; max-width:60vw; padding:.35rem .6rem; border-radius:4px; border:0; }
main { max-width:1200px; margin:0 auto; padding:1rem 1.5rem 3rem; } main.wide { max-width:none; }
.bottom { text-align:center; padding:1rem; color:var(--muted); font-size:.85rem; }
h1 { font-size:1.6rem; margin:.3rem 0 .4rem; word-break:break-word; } h2 { font-size:1.15rem; margin:0 0 .6rem; } h3 { font-size:1rem; margin:.8rem 0 .4rem; }
.block { background:var(--card); border:1px solid var(--line); border-radius:6px; padding:1rem 1.2rem; margin:1rem 0; }
.note { color:var(--muted); font-size:.9rem; margin:.2rem 0 .6rem; }
.crumbs { color:var(--muted); font-size:.9rem; } .summary { font-size:1.05rem; color:#34404f; }
dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:.25rem 1.2rem; margin:0; } dl.facts dt { color:var(--muted); } dl.facts dd { margin:0; word-break:break-word; }
table { border-collapse:collapse; width:100%; font-size:.92rem; } th, td { text-align:left; padding:.3rem .5rem; border-bottom:1px solid var(--line); vertical-align:top; }
th { color:var(--muted); font-weight:600; } td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
code, pre, .mono { font-family:var(--mono); font-size:.86rem; }
pre.code { background:#0f1720; color:#e6edf3; padding:.8rem 1rem; border-radius:6px; overflow:auto; max-height:40rem; line-height:1.45; white-space:pre; }
pre.stage { max-height:14rem; }
.k { color:#7cc4ff; } .s { color:#a5e075; } .n { color:#f8c555; } .c { color:#8b98a9; font-style:italic; } .o { color:#ff9e64; } .w { color:#c3a6ff; } .f { color:#7ee0d0; } .p { color:#9aa5b1; } .h { color:#ffd166; font-weight:600; }
.tag { display:inline-block; padding:0 .45rem; border-radius:9px; background:#e8edf5; font-size:.8rem; margin-right:.25rem; }
.tag.error, .sev-error { background:#fde7e6; color:var(--bad); } .tag.warning, .sev-warning { background:#fff2d6; color:var(--warn); } .tag.negated { background:#fde7e6; color:var(--bad); }
.grid { display:grid; grid-template-columns:repeat(auto-fit, minmax(16rem, 1fr)); gap:1rem; }
.stat { font-size:1.7rem; font-weight:700; } .stat small { font-size:.9rem; color:var(--muted); font-weight:400; }
.search-layout { display:grid; grid-template-columns:15rem 1fr; gap:1.2rem; } @media (max-width: 800px) { .search-layout { grid-template-columns:minmax(0, 1fr); } }
.facets fieldset { border:0; padding:0; margin:0 0 1rem; } .facets legend { font-weight:600; margin-bottom:.2rem; }
.facets label { display:block; font-size:.9rem; } .facets select, .facets input[type=text] { width:100%; max-width:100%; padding:.25rem; }
.facets fieldset.facet { max-height:14rem; overflow:auto; } .facets label.check { display:flex; gap:.35rem; align-items:baseline; } .facets .count, ul.results .techniques { color:var(--muted); } label.sort { margin-left:.5rem; }
.searchbar { display:flex; gap:.5rem; margin-bottom:.6rem; } .searchbar input { flex:1; padding:.45rem .6rem; font-size:1rem; }
button { padding:.4rem .9rem; border-radius:4px; border:1px solid var(--accent); background:var(--accent); color:#fff; cursor:pointer; }
ul.results { list-style:none; padding:0; margin:0; } ul.results li { padding:.45rem 0; border-bottom:1px solid var(--line); }
ul.results .meta { color:var(--muted); font-size:.85rem; } ul.results li { overflow-wrap:anywhere; }
.pager { display:flex; gap:1rem; margin-top:.8rem; }
.matrix { display:flex; gap:.4rem; overflow-x:auto; padding-bottom:.5rem; }
.matrix .col { min-width:8.5rem; flex:1; } .matrix .col h3 { font-size:.82rem; margin:0 0 .3rem; min-height:2.4em; }
.cell { display:block; font-size:.74rem; padding:.2rem .3rem; margin-bottom:2px; border-radius:3px; color:var(--ink); line-height:1.25; }
.cell b { font-weight:600; } .cell .cnt { float:right; font-variant-numeric:tabular-nums; margin-left:.3rem; } .cell .cnt small { font-size:.68rem; opacity:.8; }
.loose { display:grid; grid-template-columns:repeat(auto-fill, minmax(12rem, 1fr)); gap:.3rem; }
.cell.lost { outline:2px dashed #b3261e; outline-offset:-2px; }
.heat-0 { background:#eef1f5; color:#7a8594; } .heat-1 { background:#d6e8fb; } .heat-2 { background:#a9cdf5; } .heat-3 { background:#6fa8ea; } .heat-4 { background:#3b7fd6; color:#fff; } .heat-5 { background:#1c55a8; color:#fff; }
.heat-4 a, .heat-5 a { color:#fff; }
.filters { display:flex; gap:1rem; align-items:end; flex-wrap:wrap; margin-bottom:.8rem; } .filters label { font-size:.9rem; display:flex; flex-direction:column; }
ul.plain { margin:.2rem 0; padding-left:1.2rem; } ul.refs li { word-break:break-all; }
.inert { word-break:break-word; } .prewrap { white-space:pre-line; }
@media (max-width: 600px) {
  .top { padding:.5rem .8rem; gap:.6rem; } .top form.quick { margin-left:0; width:100%; } .top input { width:100%; max-width:none; }
  main { padding:.6rem .7rem 2rem; } .block { padding:.7rem .8rem; }
  dl.facts { grid-template-columns:1fr; } dl.facts dt { margin-top:.3rem; }
  h1 { font-size:1.3rem; }
}
table { display:block; overflow-x:auto; } thead, tbody { width:100%; }
@media (min-width: 601px) { table { display:table; } }
pre, .matrix, .loose { max-width:100%; }
#try-form label { display:block; font-weight:600; margin-bottom:.3rem; } #try-form textarea { width:100%; font-family:var(--mono); font-size:.84rem; padding:.5rem; border:1px solid var(--line); border-radius:4px; }
.problem { border-color:var(--bad); } .problem h2 { color:var(--bad); }
ul.why { list-style:none; padding-left:.8rem; margin:.3rem 0 0; border-left:3px solid var(--line); word-break:break-all; } ul.results ul.why li { border:0; padding:.1rem 0; } .hits h3 { margin-top:1.2rem; }
.banner { background:#fff2d6; border:1px solid #f0d08a; color:#5c3d00; border-radius:6px; padding:.6rem 1rem; margin:.6rem 0; }
.banner.error { background:#fde7e6; border-color:#f3b8b4; color:var(--bad); }
@media (prefers-color-scheme: dark) {
  :root { --ink:#e3e8ef; --muted:#9aa6b6; --line:#2c3645; --bg:#0e131a; --card:#151c25; --accent:#7fb0ff; --bad:#ff8a80; --warn:#f0c36a; color-scheme: dark; }
  .top { background:#0a1020; } .summary { color:#c5cfdb; }
  .tag { background:#243043; color:var(--ink); }
  .tag.error, .sev-error, .tag.negated { background:#4a1f1d; } .tag.warning, .sev-warning { background:#4a3a12; }
  .heat-0 { background:#1b2330; color:#8593a6; } .heat-1 { background:#1d3a5f; color:#e3e8ef; } .heat-2 { background:#25528a; color:#fff; }
  .heat-3 { background:#2f6cb8; color:#fff; } .heat-4 { background:#3d86e0; color:#fff; } .heat-5 { background:#6aa6f5; color:#0e131a; }
  .cell { color:var(--ink); }
  .banner { background:#3a2e10; border-color:#6b5420; color:#f3dca0; } .banner.error { background:#3d1a18; border-color:#7a302b; color:#ffb4ab; }
  input, select, textarea { background:#0f1620; color:var(--ink); border:1px solid var(--line); }
}
`;

/** Instant search: typing in the search page's box fetches the same page and swaps its results in. */
const SCRIPT = `'use strict';
(function () {
  var form = document.querySelector('form.search-page');
  if (!form || !window.fetch || !window.DOMParser) return;
  var timer = 0, seq = 0;
  function refresh() {
    var params = new URLSearchParams(new FormData(form));
    params.delete('page');
    var url = '/search?' + params.toString();
    var mine = ++seq;
    fetch(url, { headers: { Accept: 'text/html' } }).then(function (r) { return r.text(); }).then(function (text) {
      if (mine !== seq) return;
      var doc = new DOMParser().parseFromString(text, 'text/html');
      var fresh = doc.getElementById('results'), old = document.getElementById('results');
      if (!fresh || !old) return;
      old.replaceWith(document.importNode(fresh, true));
      // The facet counts, the title and the header box follow the results.
      var facets = doc.querySelector('aside.facets'), shown = document.querySelector('aside.facets');
      if (facets && shown) shown.replaceWith(document.importNode(facets, true));
      document.title = doc.title;
      var quick = document.querySelector('form.quick input[name=q]'), typed = form.querySelector('input[name=q]');
      if (quick && typed) quick.value = typed.value;
      history.replaceState(null, '', url);
    }).catch(function () {});
  }
  form.addEventListener('input', function (e) {
    if (e.target && e.target.name !== 'q') return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 180);
  });
})();
(function () {
  // Filter menus apply on change; without the script the form's button does it.
  document.querySelectorAll('form.autosubmit').forEach(function (f) {
    f.addEventListener('change', function (e) {
      if (e.target && (e.target.tagName === 'SELECT' || e.target.type === 'checkbox')) f.submit();
    });
  });
})();
`;

export function registerAssets(app: Hono): void {
  const cache = 'public, max-age=3600';
  app.get('/assets/style.css', (c) =>
    c.body(STYLE + RULE_MATRIX_STYLE, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': cache,
    }),
  );
  app.get('/assets/app.js', (c) =>
    c.body(SCRIPT + RULE_MATRIX_SCRIPT, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': cache,
    }),
  );
  app.get('/favicon.ico', (c) => c.body(null, 204));
}
