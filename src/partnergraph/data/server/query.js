
const examples = JSON.parse(document.getElementById('examples').textContent);
const base = document.body.dataset.base;
const q = document.getElementById('q'), pick = document.getElementById('pick'), out = document.getElementById('out');
const status = document.getElementById('status');
for (const [name, ex] of Object.entries(examples)) {
  const o = document.createElement('option'); o.value = name; o.textContent = ex.title; pick.appendChild(o);
}
pick.addEventListener('change', () => { if (examples[pick.value]) q.value = examples[pick.value].text; });
function link(iri) {
  let href = null;
  if (iri.startsWith(base)) href = '/id/' + iri.slice(base.length);
  else if (/^https?:\/\//.test(iri)) href = iri;
  if (!href) return document.createTextNode(iri);
  const a = document.createElement('a'); a.href = href; a.textContent = iri; return a;
}
function cell(term) {
  const td = document.createElement('td');
  if (!term) return td;
  if (term.type === 'uri') td.appendChild(link(term.value));
  else td.textContent = term.value + (term['xml:lang'] ? ' @' + term['xml:lang'] : '');
  return td;
}
document.getElementById('form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  out.replaceChildren(); status.textContent = '…'; status.className = '';
  const started = performance.now();
  try {
    const r = await fetch('/sparql', {method: 'POST', body: new URLSearchParams({query: q.value}),
      headers: {'Accept': 'application/sparql-results+json, text/turtle;q=0.9'}});
    const text = await r.text();
    const ms = Math.round(performance.now() - started);
    if (!r.ok) { status.textContent = r.status + ': ' + text; status.className = 'err'; return; }
    if ((r.headers.get('Content-Type') || '').startsWith('text/turtle')) {
      const pre = document.createElement('pre'); pre.textContent = text; out.appendChild(pre);
      status.textContent = ms + ' ms'; return;
    }
    const data = JSON.parse(text);
    if ('boolean' in data) { status.textContent = String(data.boolean) + ' (' + ms + ' ms)'; return; }
    const table = document.createElement('table'), head = document.createElement('tr');
    for (const v of data.head.vars) { const th = document.createElement('th'); th.textContent = v; head.appendChild(th); }
    table.appendChild(head);
    for (const b of data.results.bindings) {
      const tr = document.createElement('tr');
      for (const v of data.head.vars) tr.appendChild(cell(b[v]));
      table.appendChild(tr);
    }
    out.appendChild(table);
    const n = data.results.bindings.length;
    status.textContent = n + (n === 1 ? ' Zeile' : ' Zeilen') + ' (' + ms + ' ms)';
  } catch (e) { status.textContent = String(e); status.className = 'err'; }
});
if (pick.options.length) { pick.selectedIndex = 0; q.value = examples[pick.value].text; }
