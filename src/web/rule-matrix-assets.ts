/** The rule page's and the ATT&CK matrix's part of the stylesheet and of the page script (copy, matrix filter). */

export const RULE_MATRIX_STYLE = `
[hidden] { display:none !important; }
.codebar { display:flex; gap:1rem; align-items:center; flex-wrap:wrap; margin:0 0 .4rem; font-size:.9rem; }
button.copy { padding:.15rem .6rem; font-size:.85rem; } button.copy.small { padding:0 .4rem; font-size:.75rem; margin-left:.3rem; vertical-align:middle; }
#body pre.code { max-height:none; }
#body:has(#wrap-body:checked) pre.code { white-space:pre-wrap; overflow-wrap:anywhere; }
.tag.deprecated { background:#ece4f7; color:#5b3a8a; }
.banner.deprecated { background:#f1ecf8; border-color:#d5c6ea; color:#4a2f73; }
.guide h3, .guide h4, .guide h5, .guide h6 { margin:1rem 0 .4rem; } .guide blockquote { margin:.5rem 0; padding:.3rem .8rem; border-left:3px solid var(--line); color:var(--muted); }
.guide ul, .guide ol { padding-left:1.3rem; } .guide pre.code { white-space:pre-wrap; }
.matrix .tech { margin-bottom:2px; }
.matrix details.subs { margin:0 0 .2rem .35rem; font-size:.7rem; } .matrix details.subs summary { cursor:pointer; color:var(--muted); }
.matrix .cell.sub { margin-left:.2rem; }
.legend { display:flex; flex-wrap:wrap; gap:.4rem 1.2rem; align-items:center; font-size:.85rem; margin:.2rem 0 .8rem; }
.legend .cell { display:inline-block; margin:0; min-width:2.2rem; text-align:center; } .legend ul { margin:0; padding-left:1.1rem; color:var(--muted); }
@media (min-width: 1100px) {
  .matrix { display:grid; grid-auto-flow:column; grid-auto-columns:minmax(0, 1fr); gap:.25rem; overflow-x:visible; }
  .matrix .col { min-width:0; } .matrix .col h3 { font-size:.74rem; overflow-wrap:break-word; hyphens:auto; } .matrix .col h3 .note { font-size:.66rem; }
  .matrix .cell { font-size:.66rem; padding:.15rem .2rem; overflow-wrap:anywhere; }
}
@media (prefers-color-scheme: dark) {
  .tag.deprecated { background:#35294a; color:#d9c8f5; } .banner.deprecated { background:#2a2238; border-color:#4d3d6b; color:#d9c8f5; }
}
`;

/**
 * Copy buttons show themselves (the page hides them for a browser without the script, where the text is there to
 * select), and the matrix's filter box hides the techniques that do not match as one types.
 */
export const RULE_MATRIX_SCRIPT = `
(function () {
  document.querySelectorAll('button.copy').forEach(function (b) {
    b.hidden = false;
    var label = b.textContent;
    b.addEventListener('click', function () {
      var id = b.getAttribute('data-copy'), el = id ? document.getElementById(id) : null;
      var text = b.hasAttribute('data-copy-text') ? b.getAttribute('data-copy-text') : el ? el.textContent : null;
      if (text === null || !navigator.clipboard) return;
      navigator.clipboard.writeText(text).then(function () {
        b.textContent = 'Copied';
        setTimeout(function () { b.textContent = label; }, 1500);
      });
    });
  });
})();
(function () {
  var box = document.getElementById('technique-filter');
  if (!box) return;
  // A cell reads its count, then its id and name: the filter matches the id and the name.
  var has = function (el, q) {
    var cnt = el.querySelector('.cnt'), text = el.textContent || '';
    return text.slice(cnt ? cnt.textContent.length : 0).toLowerCase().indexOf(q) >= 0;
  };
  box.addEventListener('input', function () {
    var q = box.value.trim().toLowerCase();
    document.querySelectorAll('#matrix .tech').forEach(function (t) {
      var own = !q || has(t.querySelector('.cell'), q), viaSub = false;
      t.querySelectorAll('.subs .cell').forEach(function (s) {
        var hit = own || has(s, q);
        s.hidden = !hit;
        if (hit && q && !own) viaSub = true;
      });
      t.hidden = !(own || viaSub);
      var d = t.querySelector('details');
      if (d && q) d.open = viaSub;
    });
  });
})();
`;
