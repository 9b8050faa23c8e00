'use strict';
(async () => {
  const { api, el, notice, number } = Console;
  await Console.header('Funds');
  const me = await Console.user();
  // The estimates are a cache the queue refreshes every few minutes: asking more often
  // than this only queues work.
  const REFRESH_MS = 30000;
  const QUEUE_SHOWN = 20;
  const MAX_CODES = 200;
  // China keeps UTC+8 all year, so Beijing time is a fixed shift.
  const BEIJING_MS = 8 * 3600 * 1000;
  const message = document.getElementById('message');
  const estimatesMessage = document.getElementById('estimates-message');
  const params = new URLSearchParams(window.location.search);
  const asked = params.get('fund');
  let selected = asked && /^\d{6}$/.test(asked) ? asked + '.OF' : asked;
  let lastRefresh = 0;
  let refreshes = 0;
  let timer = null;
  let sequence = 0;

  function beijing(instant) {
    return instant ? new Date(Date.parse(instant) + BEIJING_MS).toISOString().replace('T', ' ').substring(0, 19) : '–';
  }

  // Today in Beijing shows the time only.
  function beijingShort(instant) {
    const shown = beijing(instant);
    return shown.substring(0, 10) === beijing(new Date().toISOString()).substring(0, 10) ? shown.substring(11) : shown;
  }

  function digits(code) {
    return code.replace(/\.OF$/i, '');
  }

  function fixed(value, places) {
    return value == null ? '–' : Number(value).toFixed(places);
  }

  function signed(value, places, unit) {
    if (value == null) return el('span', { class: 'muted', text: '–' });
    const n = Number(value);
    return el('span', { class: n > 0 ? 'up' : n < 0 ? 'down' : '', text: (n > 0 ? '+' : '') + n.toFixed(places) + unit });
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  }

  function fundLink(code) {
    const link = el('a', { href: '/funds.html?fund=' + encodeURIComponent(code), text: code });
    link.addEventListener('click', (event) => {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      select(code);
    });
    return link;
  }

  function remember() {
    const q = new URLSearchParams();
    if (selected) q.set('fund', selected);
    const days = document.getElementById('accuracy-form').elements.days.value;
    if (days !== '30') q.set('days', days);
    history.replaceState(null, '', q.toString() ? '?' + q : window.location.pathname);
  }

  // Operators change the lists; viewers see them.
  document.getElementById('operator-forms').hidden = !me.operator;
  document.getElementById('viewer-note').hidden = me.operator;

  async function act(request, describe) {
    try {
      const answer = await request();
      notice(message, describe(answer), false);
      await refresh();
      return true;
    } catch (e) {
      notice(message, e.message, true);
      return false;
    }
  }

  document.getElementById('watch-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const code = form.elements.code.value.trim();
    if (await act(() => api('/api/funds/watchlist/' + encodeURIComponent(code), { method: 'PUT' }), (a) => a.message)) {
      form.reset();
    }
  });

  document.getElementById('hold-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const code = form.elements.code.value.trim();
    // Leading zeros are not JSON.
    const units = form.elements.units.value.trim().replace(/^0+(?=\d)/, '');
    // The units go as typed, a JSON number the server reads exactly, not through a double.
    if (await act(() => api('/api/funds/holdings/' + encodeURIComponent(code), { method: 'PUT',
      headers: { 'Content-Type': 'application/json' }, body: '{"units":' + units + '}' }),
    (p) => p.code + ': ' + number(p.units, 4) + ' units held.')) {
      form.reset();
    }
  });

  function unwatch(code) {
    return act(() => api('/api/funds/watchlist/' + encodeURIComponent(digits(code)), { method: 'DELETE' }), (a) => a.message);
  }

  function release(position) {
    if (!window.confirm('Remove the holding of ' + number(position.units, 4) + ' units of ' + position.code + '?')) return null;
    return act(() => api('/api/funds/holdings/' + encodeURIComponent(digits(position.code)), { method: 'DELETE' }),
      (a) => a.message);
  }

  async function estimatesOf(codes) {
    const answers = [];
    for (let from = 0; from < codes.length; from += MAX_CODES) {
      answers.push(...await api('/api/funds/estimates', { method: 'POST', body: { codes: codes.slice(from, from + MAX_CODES) } }));
    }
    return answers;
  }

  function state(e) {
    const cell = el('td', { title: e.note && e.estimate != null ? 'Last attempt: ' + e.note : null });
    if (e.stale) cell.append(el('span', { class: 'badge', text: 'stale' }), ' ');
    if (e.queued_refresh) cell.append(el('span', { class: 'muted', text: 'refresh queued' }), ' ');
    if (e.estimate == null && e.note) cell.append(el('span', { class: 'muted', text: e.note }));
    return cell;
  }

  function estimateRow(e, watched, position) {
    const actions = el('td', {});
    if (watched) {
      const button = el('button', { type: 'button', class: 'unwatch', disabled: !me.operator,
        title: me.operator ? 'Take it off the watchlist' : 'Needs the OPERATOR role', text: 'Unwatch' });
      button.addEventListener('click', () => unwatch(e.code));
      actions.append(button);
    }
    if (position) {
      const button = el('button', { type: 'button', class: 'release', disabled: !me.operator,
        title: me.operator ? 'Remove it from the holdings' : 'Needs the OPERATOR role', text: 'Remove holding' });
      button.addEventListener('click', () => release(position));
      actions.append(watched ? ' ' : '', button);
    }
    const coverage = e.method === 'holdings' && e.holdings_coverage_percent != null
      ? fixed(e.holdings_coverage_percent, 1) + '%' : '';
    return el('tr', { 'data-code': e.code, 'data-tier': e.tier, class: e.code === selected ? 'selected' : null },
      el('td', {}, fundLink(e.code)), el('td', { text: e.name || '' }), el('td', { class: 'tier', text: e.tier }),
      el('td', { class: 'num', text: fixed(e.estimate, 4) }), el('td', { class: 'num' }, signed(e.change_percent, 2, '%')),
      el('td', { text: e.estimated_at ? beijingShort(e.estimated_at) : '–',
        title: e.refreshed_at ? 'Stored ' + beijing(e.refreshed_at) : null }),
      el('td', {}, e.method || '–', e.source ? el('span', { class: 'muted', text: ' · ' + e.source }) : null),
      el('td', { class: 'num', text: coverage,
        title: e.holdings_period ? 'Holdings reported for ' + e.holdings_period : null }),
      el('td', { class: 'num', text: e.base_nav == null ? '–' : fixed(e.base_nav, 4)
        + (e.base_nav_date ? ' · ' + e.base_nav_date.substring(5) : ''),
        title: e.base_nav_date ? 'The NAV of ' + e.base_nav_date + ' the estimate starts from' : null }),
      el('td', { class: 'num', text: position ? number(position.units, 4) : '' }),
      el('td', { class: 'num', text: position && position.value != null ? number(position.value, 2) : '',
        title: position && position.value != null && position.estimate == null ? 'At the latest NAV' : null }),
      state(e), actions);
  }

  async function refreshEstimates(run) {
    const [watchlist, holdings] = await Promise.all([api('/api/funds/watchlist'), api('/api/funds/holdings')]);
    const watched = new Set(watchlist.map((f) => f.code));
    const held = new Map(holdings.map((p) => [p.code, p]));
    const codes = [...new Set([...watched, ...held.keys()])].sort();
    const estimates = codes.length ? await estimatesOf(codes) : [];
    if (run !== sequence) return;
    const body = document.querySelector('#estimates tbody');
    if (!estimates.length) {
      body.replaceChildren(el('tr', { id: 'estimates-empty' }, el('td', { colspan: 13, class: 'muted',
        text: me.operator ? 'No funds followed yet: add one to the watchlist, or set a holding.'
          : 'No funds followed yet: an operator adds them to the watchlist or sets a holding.' })));
    } else {
      body.replaceChildren(...estimates.map((e) => estimateRow(e, watched.has(e.code), held.get(e.code))));
    }
    const value = holdings.reduce((sum, p) => sum + (p.value == null ? 0 : Number(p.value)), 0);
    const stale = estimates.filter((e) => e.stale).length;
    document.getElementById('estimates-summary').textContent = codes.length ? watched.size + ' on the watchlist, '
      + held.size + ' held' + (held.size ? ' worth ' + number(value, 2) : '') + (stale ? '; ' + stale + ' stale' : '')
      + '.' : '';
  }

  function renderQueue(queue) {
    document.getElementById('queue-summary').textContent = number(queue.due_now) + ' due now, ' + number(queue.running)
      + ' running, ' + number(queue.total) + ' queued in all'
      + (queue.total > queue.queued.length ? '; the first ' + queue.queued.length + ' are shown.' : '.');
    const body = document.querySelector('#queue tbody');
    if (!queue.queued.length) {
      body.replaceChildren(el('tr', {}, el('td', { colspan: 5, class: 'muted', text: 'The queue is empty.' })));
      return;
    }
    body.replaceChildren(...queue.queued.map((q) => el('tr', { 'data-code': q.code, 'data-task': q.task },
      el('td', { text: q.task }), el('td', {}, fundLink(q.code)), el('td', { text: q.tier }),
      el('td', { text: beijingShort(q.due) }),
      el('td', { text: q.running ? 'running' + (q.worker ? ' on ' + q.worker : '') : 'waiting' }))));
  }

  // One refresh of what moves during the day; the next is REFRESH_MS after this one ends,
  // whatever started it.
  async function refresh() {
    clearTimeout(timer);
    const run = ++sequence;
    try {
      const [, queue] = await Promise.all([refreshEstimates(run), api('/api/funds/queue?limit=' + QUEUE_SHOWN)]);
      if (run !== sequence) return;
      renderQueue(queue);
      estimatesMessage.replaceChildren();
      lastRefresh = Date.now();
      refreshes++;
      const updated = document.getElementById('last-updated');
      updated.textContent = 'Last updated ' + beijing(new Date(lastRefresh).toISOString()).substring(11)
        + '; refreshed every ' + REFRESH_MS / 1000 + ' s.';
      document.getElementById('estimates').dataset.refreshes = String(refreshes);
      if (selected) await detail(selected, false);
    } catch (e) {
      if (run === sequence) notice(estimatesMessage, e.message, true);
    } finally {
      if (run === sequence) timer = setTimeout(tick, REFRESH_MS);
    }
  }

  // A hidden tab does not poll; shown again, it catches up at once if a refresh is due.
  function tick() {
    if (document.hidden) return;
    refresh();
  }
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && Date.now() - lastRefresh >= REFRESH_MS) refresh();
  });

  const section = document.getElementById('detail');
  const detailMessage = document.getElementById('detail-message');
  const syncButton = document.getElementById('sync');
  syncButton.disabled = !me.operator;
  syncButton.title = me.operator ? 'Queue a sync of the NAV history of this fund' : 'Needs the OPERATOR role';
  let todayChart = null;
  let navChart = null;

  function drawToday(fund) {
    const empty = document.getElementById('today-empty');
    const box = document.getElementById('today-chart');
    empty.hidden = fund.today.length > 0;
    box.hidden = fund.today.length === 0;
    if (!fund.today.length) {
      empty.textContent = fund.money_market ? 'A money-market fund has no intraday estimate.'
        : 'No estimate of the latest day yet: the queue refreshes it while the fund is followed.';
      return;
    }
    if (!todayChart) todayChart = echarts.init(box);
    const methods = [...new Set(fund.today.map((p) => p.method))];
    todayChart.setOption({
      animation: false,
      // Times are shifted to Beijing and drawn as UTC, so the axis reads Beijing time anywhere.
      useUTC: true,
      title: { text: 'Estimates of ' + beijing(fund.today[0].estimated_at).substring(0, 10), left: 8, top: 4,
        textStyle: { fontSize: 13 } },
      legend: { top: 4, right: 8 },
      tooltip: { trigger: 'axis', formatter: (points) => points.map((p, i) => (i === 0
        ? escapeHtml(beijing(p.data.at).substring(11)) + '<br>' : '') + p.marker + escapeHtml(p.seriesName) + ': '
        + escapeHtml(Number(p.data.value[1]).toFixed(4)) + ' (' + escapeHtml(Number(p.data.change).toFixed(2)) + '%)').join('<br>') },
      grid: { left: 60, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'time' },
      yAxis: { scale: true },
      series: methods.map((method) => ({ name: method, type: 'line', showSymbol: false,
        data: fund.today.filter((p) => p.method === method).map((p) => ({
          value: [Date.parse(p.estimated_at) + BEIJING_MS, Number(p.estimate)], at: p.estimated_at, change: p.change_percent })) })),
    }, true);
    todayChart.resize();
  }

  function drawNavs(fund) {
    const empty = document.getElementById('nav-empty');
    const box = document.getElementById('nav-chart');
    const navs = [...fund.navs].reverse();
    const field = fund.money_market ? 'seven_day_yield_percent' : 'unit_nav';
    const shown = navs.some((n) => n[field] != null);
    empty.hidden = shown;
    box.hidden = !shown;
    if (!shown) {
      empty.textContent = 'No NAV history yet: ' + (me.operator ? 'sync it with the button above.'
        : 'an operator syncs it.');
      return;
    }
    if (!navChart) navChart = echarts.init(box);
    const label = fund.money_market ? '7-day yield %' : 'Unit NAV';
    navChart.setOption({
      animation: false,
      title: { text: label + ', last ' + navs.length + ' NAV days', left: 8, top: 4, textStyle: { fontSize: 13 } },
      tooltip: { trigger: 'axis' },
      grid: { left: 60, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: navs.map((n) => n.date) },
      yAxis: { scale: true },
      series: [{ name: label, type: 'line', showSymbol: navs.length < 40, connectNulls: false,
        data: navs.map((n) => (n[field] == null ? '-' : Number(n[field]))) }],
    }, true);
    navChart.resize();
  }

  function drawScored(fund) {
    const body = document.querySelector('#scored tbody');
    if (!fund.accuracy.length) {
      body.replaceChildren(el('tr', {}, el('td', { colspan: 6, class: 'muted',
        text: 'No estimate of this fund has been scored yet: a day counts once its NAV is published and synced.' })));
      return;
    }
    body.replaceChildren(...fund.accuracy.map((s) => el('tr', { 'data-date': s.date, 'data-method': s.method },
      el('td', { text: s.date }), el('td', { text: s.method }), el('td', { text: s.source }),
      el('td', { class: 'num', text: fixed(s.estimate, 4) }), el('td', { class: 'num', text: fixed(s.actual, 4) }),
      el('td', { class: 'num', text: (Number(s.error_pp) > 0 ? '+' : '') + fixed(s.error_pp, 3) }))));
  }

  async function detail(code, scroll) {
    try {
      const fund = await api('/api/funds/' + encodeURIComponent(digits(code)) + '?days=60');
      if (selected !== code) return;
      section.hidden = false;
      section.dataset.code = fund.code;
      document.getElementById('detail-title').textContent = fund.code + ' ' + (fund.name || '');
      document.getElementById('detail-summary').textContent = (fund.fund_type || 'type unknown')
        + (fund.money_market ? ', a money-market fund' : '') + '. '
        + (fund.navs.length ? 'Latest NAV ' + fund.navs[0].date + '.' : 'No NAV history yet.');
      drawToday(fund);
      drawNavs(fund);
      drawScored(fund);
      if (scroll) section.scrollIntoView({ block: 'start' });
    } catch (e) {
      section.hidden = false;
      document.getElementById('detail-title').textContent = code;
      notice(detailMessage, e.message, true);
    }
  }

  function select(code) {
    selected = code;
    remember();
    detailMessage.replaceChildren();
    document.querySelectorAll('#estimates tbody tr').forEach((row) => row.classList.toggle('selected', row.dataset.code === code));
    detail(code, true);
  }

  syncButton.addEventListener('click', async () => {
    const code = section.dataset.code;
    if (!code) return;
    try {
      const sync = await api('/api/funds/nav-history/sync', { method: 'POST', body: { codes: [code], mode: 'enqueue' } });
      notice(detailMessage, sync.queued
        ? (sync.newly_queued ? 'Queued a NAV history sync of ' : 'A NAV history sync was queued already for ')
          + sync.codes.join(', ') + '; the worker runs it in the background.'
        : sync.result || 'Synced ' + sync.codes.join(', ') + '.', false);
      const queue = await api('/api/funds/queue?limit=' + QUEUE_SHOWN);
      renderQueue(queue);
    } catch (e) {
      notice(detailMessage, e.message, true);
    }
  });

  const accuracyForm = document.getElementById('accuracy-form');
  const accuracyMessage = document.getElementById('accuracy-message');
  const accuracyCharts = document.getElementById('accuracy-charts');
  let binCharts = [];

  function binLabels(m) {
    // Edges in whole hundredths (or finer), so that -1.0 + 7 × 0.1 reads -0.3, not -0.29999.
    const places = Math.max(1, (String(m.bin_width).split('.')[1] || '').length);
    const scale = 10 ** places;
    const from = Math.round(Number(m.bin_from) * scale);
    const width = Math.round(Number(m.bin_width) * scale);
    const edge = (i) => ((from + i * width) / scale).toFixed(places);
    const last = m.bins.length - 1;
    return m.bins.map((_, i) => (i === 0 ? '< ' + edge(0) : i === last ? '≥ ' + edge(last - 1)
      : edge(i - 1) + ' to ' + edge(i)));
  }

  function drawAccuracy(accuracy, days) {
    binCharts.forEach((chart) => chart.dispose());
    binCharts = [];
    document.getElementById('accuracy-summary').textContent = accuracy.methods.length
      ? 'Errors of the last estimate of each day against the published NAV (estimated change minus actual change, in '
        + 'percentage points), NAV days from ' + accuracy.from + '.'
      : 'No estimate was scored against a published NAV since ' + accuracy.from
        + ': a day counts once the fund was estimated and its NAV is synced.';
    accuracyCharts.replaceChildren(...accuracy.methods.map((m) => {
      const box = el('div', { class: 'small-chart' });
      return el('div', { class: 'chart-box', 'data-method': m.method },
        el('p', {}, el('strong', { text: m.method }), ': ' + number(m.scored) + ' fund-days scored, mean absolute error '
          + fixed(m.mean_absolute_pp, 3) + ' pp'), box);
    }));
    accuracy.methods.forEach((m, i) => {
      const chart = echarts.init(accuracyCharts.children[i].querySelector('.small-chart'));
      chart.setOption({
        animation: false,
        tooltip: { trigger: 'axis' },
        grid: { left: 48, right: 12, top: 16, bottom: 70 },
        xAxis: { type: 'category', data: binLabels(m), name: 'pp', axisLabel: { rotate: 60, fontSize: 10, interval: 0 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ name: 'fund-days', type: 'bar', data: m.bins.map(Number), itemStyle: { color: '#0b57d0' } }],
      });
      binCharts.push(chart);
    });
    const body = document.querySelector('#worst tbody');
    body.replaceChildren(...(accuracy.worst.length ? accuracy.worst.map((w) => el('tr', { 'data-code': w.code },
      el('td', {}, fundLink(w.code)), el('td', { text: w.name || '' }), el('td', { text: w.method }),
      el('td', { class: 'num', text: number(w.scored) }), el('td', { class: 'num', text: fixed(w.mean_absolute_pp, 3) })))
      : [el('tr', {}, el('td', { colspan: 5, class: 'muted', text: 'No fund has been scored in the last ' + days + ' days.' }))]));
    document.getElementById('accuracy-charts').dataset.days = String(days);
  }

  async function loadAccuracy() {
    const days = accuracyForm.elements.days.value;
    try {
      drawAccuracy(await api('/api/funds/accuracy?days=' + encodeURIComponent(days)), days);
      accuracyMessage.replaceChildren();
    } catch (e) {
      notice(accuracyMessage, e.message, true);
    }
  }

  accuracyForm.addEventListener('submit', (event) => event.preventDefault());
  accuracyForm.elements.days.addEventListener('change', () => { remember(); loadAccuracy(); });
  if (['7', '30', '90'].includes(params.get('days'))) accuracyForm.elements.days.value = params.get('days');
  window.addEventListener('resize', () => [todayChart, navChart, ...binCharts].forEach((chart) => chart && chart.resize()));

  await Promise.all([refresh(), loadAccuracy()]);
  if (selected) section.scrollIntoView({ block: 'start' });
})();
