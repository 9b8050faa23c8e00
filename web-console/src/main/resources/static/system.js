'use strict';
(async () => {
  const { api, el } = Console;
  await Console.header('System');
  async function refresh() {
    const system = await api('/api/system');
    document.getElementById('facts').replaceChildren(
      el('dt', { text: 'Warehouse mode' }), el('dd', { id: 'mode', text: system.warehouseMode }),
      el('dt', { text: 'Warehouse' }), el('dd', { text: system.warehouse }),
      el('dt', { text: 'Database' }), el('dd', { text: system.database }),
      el('dt', { text: 'Default source' }), el('dd', { id: 'default-source', text: system.defaultSource }),
      el('dt', { text: 'Demo mode' }), el('dd', { id: 'demo', text: system.demo ? 'yes: the embedded warehouse and the sandbox' : 'no' }));
    document.querySelector('#sources tbody').replaceChildren(...system.sources.map((s) => el('tr', {},
      el('td', { text: s.displayName }), el('td', { text: s.endpoint }),
      el('td', { text: Object.entries(s.callsPerMinute).map(([k, v]) => k + ': ' + v).join(', ') || 'unlimited' }),
      el('td', { class: s.state === 'ok' ? 'status status-COMPLETED' : 'status status-FAILED', text: s.state }))));
  }
  // The gate reads the job repository and coverage for up to 60 days: once a minute is enough.
  async function refreshGate() {
    const gate = await api('/api/gate');
    document.getElementById('gate-summary').replaceChildren(
      el('span', { class: gate.passed ? 'status status-COMPLETED' : 'status status-FAILED',
        text: gate.passed ? 'passed' : 'not passed' }),
      ' as of ' + gate.asOf + ': ' + gate.required + ' consecutive clean trading days needed per batch');
    document.querySelector('#gate tbody').replaceChildren(...gate.batches.flatMap((batch) => [
      el('tr', {}, el('th', { text: batch.name }), el('td', { text: 'batch' }),
        el('td', { class: batch.passed ? 'status status-COMPLETED' : 'status status-FAILED', text: String(batch.cleanDays) }),
        el('td', { text: '' })),
      ...batch.datasets.map((d) => el('tr', {}, el('td', { text: '' }), el('td', { text: d.dataset }),
        el('td', { text: d.known ? String(d.cleanDays) : 'unknown dataset' }),
        el('td', { text: d.known ? (d.brokenDay ? d.brokenDay + ': ' : '') + d.reason : '' })))]));
    const chains = await api('/api/chains?limit=1');
    const last = chains[0];
    document.getElementById('chain-summary').textContent = last
      ? 'Run ' + last.id + (last.tradeDate ? ' for ' + last.tradeDate : '') + ' by ' + last.launchedBy + ', started '
        + last.startedAt + (last.finishedAt ? '' : ', still running')
      : 'The chain has not run yet.';
    const outcome = { completed: 'COMPLETED', failed: 'FAILED', skipped: 'STOPPED' };
    document.querySelector('#chain tbody').replaceChildren(...(last ? last.modules : []).map((m) => el('tr', {},
      el('td', { text: m.job }), el('td', { class: 'status status-' + outcome[m.outcome], text: m.outcome }),
      el('td', {}, m.executionId ? el('a', { href: '/execution.html?id=' + m.executionId, text: String(m.executionId) }) : ''),
      el('td', { text: m.reason }))));
  }
  await refresh();
  await refreshGate();
  setInterval(refresh, 5000);
  setInterval(refreshGate, 60000);
})();
