'use strict';
(async () => {
  const { api, el, notice, number } = Console;
  await Console.header('Coverage');
  const form = document.getElementById('coverage');
  const message = document.getElementById('message');
  const matrix = document.getElementById('matrix');
  const chart = echarts.init(matrix);
  window.addEventListener('resize', () => chart.resize());
  // One colour per verdict; the value of a heatmap cell is the verdict's index.
  const VERDICTS = ['complete', 'partial', 'missing', 'closed', 'nothing owed', 'no calendar', 'in progress'];
  const COLOURS = ['#1b7f3b', '#f2a900', '#b3261e', '#dadce0', '#eef3fb', '#ffffff', '#7fb3e6'];
  const ATTENTION_SHOWN = 200;

  const datasets = await api('/api/coverage/datasets');
  const select = document.getElementById('dataset');
  for (const [name, description] of Object.entries(datasets)) {
    select.append(el('option', { value: name, title: description, text: name }));
  }
  const params = new URLSearchParams(window.location.search);
  const today = new Date().toISOString().substring(0, 10);
  const monthAgo = new Date(Date.now() - 30 * 86400000).toISOString().substring(0, 10);
  form.elements.from.value = params.get('from') || monthAgo;
  form.elements.to.value = params.get('to') || today;
  form.elements.dataset.value = params.get('dataset') || '';

  function notApplicable(cell) {
    return cell.suspended + cell.notListed + cell.delisted;
  }

  function draw(data) {
    const cells = [];
    data.datasets.forEach((row, y) => row.cells.forEach((cell, x) => {
      cells.push({ value: [x, y, VERDICTS.indexOf(cell.verdict)], cell, dataset: row.dataset, day: data.days[x] });
    }));
    chart.setOption({
      animation: false,
      tooltip: {
        formatter: (p) => {
          const c = p.data.cell;
          if (c.verdict === 'closed' || c.verdict === 'no calendar') return `${p.data.dataset} ${p.data.day}: ${c.verdict}`;
          return `${p.data.dataset} ${p.data.day}: <b>${c.verdict}</b><br>complete ${number(c.complete)}, `
            + `partial ${number(c.partial)}, missing ${number(c.missing)}<br>suspended ${number(c.suspended)}, `
            + `not listed ${number(c.notListed)}, delisted ${number(c.delisted)}`;
        },
      },
      grid: { left: 90, right: 16, top: 8, bottom: 60 },
      xAxis: { type: 'category', data: data.days, splitArea: { show: false } },
      yAxis: { type: 'category', data: data.datasets.map((r) => r.dataset), inverse: true },
      dataZoom: data.days.length > 120 ? [{ type: 'slider', bottom: 8 }, { type: 'inside' }] : [],
      visualMap: { type: 'piecewise', show: false, dimension: 2,
        pieces: VERDICTS.map((v, i) => ({ value: i, color: COLOURS[i], label: v })) },
      series: [{ type: 'heatmap', data: cells, itemStyle: { borderColor: '#fff', borderWidth: data.days.length > 120 ? 0 : 1 },
        progressive: 5000 }],
    }, true);
    matrix.style.height = Math.max(160, 70 + 36 * data.datasets.length) + 'px';
    chart.resize();
  }

  function attention(data) {
    const rows = [];
    for (const row of data.datasets) {
      row.cells.forEach((cell, x) => {
        if (cell.verdict === 'partial' || cell.verdict === 'missing') rows.push({ dataset: row.dataset, day: data.days[x], cell });
      });
    }
    rows.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : a.dataset.localeCompare(b.dataset)));
    document.querySelector('#attention tbody').replaceChildren(...rows.slice(0, ATTENTION_SHOWN).map((r) => {
      const button = el('button', { type: 'button', text: 'Symbols' });
      button.addEventListener('click', () => drill(r.dataset, r.day));
      return el('tr', { 'data-dataset': r.dataset, 'data-day': r.day, 'data-verdict': r.cell.verdict },
        el('td', { text: r.dataset }), el('td', { text: r.day }),
        el('td', {}, el('span', { class: 'verdict v-' + r.cell.verdict, text: r.cell.verdict })),
        el('td', { class: 'num', text: number(r.cell.complete) }), el('td', { class: 'num', text: number(r.cell.partial) }),
        el('td', { class: 'num', text: number(r.cell.missing) }), el('td', { class: 'num', text: number(notApplicable(r.cell)) }),
        el('td', {}, button));
    }));
    document.getElementById('attention-more').textContent = rows.length === 0 ? 'Every open day in the range is complete.'
      : rows.length > ATTENTION_SHOWN ? `Showing the latest ${ATTENTION_SHOWN} of ${number(rows.length)}.` : '';
  }

  async function drill(dataset, day) {
    const section = document.getElementById('drill');
    try {
      const gaps = await api(`/api/coverage/gaps?dataset=${encodeURIComponent(dataset)}&day=${day}&limit=100`);
      section.hidden = false;
      document.getElementById('drill-title').textContent = `${dataset} on ${day}`;
      const c = gaps.cell;
      document.getElementById('drill-summary').textContent = `${c.verdict}: ${number(c.complete)} complete, `
        + `${number(c.partial)} partial, ${number(c.missing)} missing; not applicable: ${number(c.suspended)} suspended, `
        + `${number(c.notListed)} not yet listed, ${number(c.delisted)} delisted.`
        + (gaps.total > gaps.gaps.length ? ` Showing ${gaps.gaps.length} of ${number(gaps.total)}.` : '');
      document.querySelector('#gaps tbody').replaceChildren(...gaps.gaps.map((g) => el('tr', { 'data-symbol': g.symbol, 'data-status': g.status },
        el('td', {}, el('a', { href: `/bars.html?symbol=${g.symbol}&interval=1d&from=${day}&to=${day}`, text: g.symbol })),
        el('td', { text: g.name }),
        el('td', {}, el('span', { class: 'verdict v-' + (g.status === 'partial' ? 'partial' : 'missing'), text: g.status }),
          g.quarantined ? el('span', { class: 'muted', text: ' quarantined' }) : null),
        el('td', { class: 'num', text: g.rowsLoaded === null ? '–' : `${g.rowsLoaded} / ${g.rowsExpected}` }),
        el('td', { text: g.reason || '' }))));
      section.scrollIntoView({ block: 'start' });
    } catch (e) {
      notice(message, e.message, true);
    }
  }

  chart.on('click', (p) => {
    if (p.data && (p.data.cell.verdict === 'partial' || p.data.cell.verdict === 'missing')) drill(p.data.dataset, p.data.day);
  });

  // The first day of the last 400 of a range at most: the findings endpoints take no more.
  function lastDays(from, to) {
    const last = new Date(to + 'T00:00:00Z');
    const first = new Date(Math.max(new Date(from + 'T00:00:00Z').getTime(), last.getTime() - 399 * 86400000));
    return first.toISOString().slice(0, 10);
  }

  // As the last run of the rules ('check' or 'quality') stored them, for the last 400 days of the range at most.
  async function quality(from, to) {
    const summary = document.getElementById('quality-summary');
    const body = document.querySelector('#quality tbody');
    const since = lastDays(from, to);
    try {
      const found = await api('/api/quality?from=' + since + '&to=' + to);
      summary.textContent = (found.findings.length
        ? found.blocking + ' blocking finding(s) from ' + since + ' to ' + to + (found.blocking ? ': check fails on them.' : '.')
        : 'No findings from ' + since + ' to ' + to + ' as the rules last ran.')
        + (since !== from ? ' (The findings cover the last 400 days of the range.)' : '');
      body.replaceChildren(...found.findings.map((f) => el('tr', {},
        el('td', { class: f.severity === 'blocking' ? 'status status-FAILED' : 'status status-STOPPED', text: f.severity }),
        el('td', { text: f.dataset }), el('td', { text: f.symbol }), el('td', { text: f.day }),
        el('td', { text: f.rule }), el('td', { text: f.detail }))));
    } catch (e) {
      body.replaceChildren();
      summary.textContent = 'The findings could not be read: ' + e.message;
    }
  }

  // As the last runs of the reconcile job stored them, for the last 400 days of the range at most.
  async function reconcile(from, to) {
    const summary = document.getElementById('reconcile-summary');
    const body = document.querySelector('#reconcile tbody');
    const since = lastDays(from, to);
    try {
      const found = await api('/api/reconcile?from=' + since + '&to=' + to);
      summary.textContent = (found.findings.length
        ? found.differences + ' difference(s) with the sources and ' + found.conventions
          + ' convention(s) explained from ' + since + ' to ' + to + '.'
        : 'No reconciliation findings from ' + since + ' to ' + to + '.')
        + (since !== from ? ' (They cover the last 400 days of the range.)' : '');
      body.replaceChildren(...found.findings.map((f) => el('tr', {},
        el('td', { class: f.convention ? 'status status-STOPPED' : 'status status-FAILED', text: f.convention ? 'convention' : 'difference' }),
        el('td', { text: f.day }), el('td', { text: f.symbol }), el('td', { text: f.check }),
        el('td', { text: f.bar || '' }), el('td', { text: f.cause }),
        el('td', { text: f.detail }))));
    } catch (e) {
      body.replaceChildren();
      summary.textContent = 'The reconciliation findings could not be read: ' + e.message;
    }
  }

  async function show() {
    const q = new URLSearchParams(new FormData(form));
    if (!q.get('dataset')) q.delete('dataset');
    history.replaceState(null, '', '?' + q);
    try {
      const data = await api('/api/coverage?' + q);
      message.replaceChildren();
      const totals = {};
      data.datasets.forEach((r) => Object.entries(r.verdicts).forEach(([v, n]) => { totals[v] = (totals[v] || 0) + n; }));
      document.getElementById('summary').textContent = `${data.from} to ${data.to}, ${data.datasets.length} datasets: `
        + VERDICTS.filter((v) => totals[v]).map((v) => `${number(totals[v])} ${v}`).join(', ');
      draw(data);
      attention(data);
      await quality(data.from, data.to);
      await reconcile(data.from, data.to);
      matrix.dataset.cells = String(data.days.length * data.datasets.length);
    } catch (e) {
      notice(message, e.message, true);
    }
  }

  form.addEventListener('submit', (event) => { event.preventDefault(); show(); });
  show();
})();
