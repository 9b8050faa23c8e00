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
    const workers = await api('/api/workers');
    const workerState = { alive: 'COMPLETED', silent: 'FAILED', stopped: 'STOPPED' };
    document.querySelector('#workers tbody').replaceChildren(...(workers.length ? workers.map((w) => el('tr', {},
      el('td', { text: w.host }), el('td', { text: String(w.pid) }), el('td', { text: w.credential }),
      el('td', { class: 'status status-' + workerState[w.state], text: w.state }),
      el('td', { text: Console.time(w.startedAt) }),
      el('td', { text: Console.time(w.heartbeatAt) + ' (' + w.heartbeatAgeSeconds + ' s ago)' }),
      el('td', { text: w.running + ' of ' + w.concurrency }), el('td', { text: String(w.done) })))
      : [el('tr', {}, el('td', { colspan: '8', class: 'muted', text: 'No worker has run within the last day.' }))]));
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
  const me = await Console.user();
  const rolloutMessage = document.getElementById('rollout-message');
  function yes(value) {
    return el('span', { class: value ? 'status status-COMPLETED' : 'status status-STOPPED', text: value ? 'on' : 'off' });
  }
  async function change(s) {
    const value = !s.value;
    // Asked twice on purpose: first why, then whether, since a switch stops or starts loads at once.
    const reason = window.prompt('Why turn ' + s.name + ' ' + (value ? 'on' : 'off') + '? (required, kept in the trail)', '');
    if (reason === null) return;
    if (!reason.trim()) {
      Console.notice(rolloutMessage, 'A change needs a reason.', true);
      return;
    }
    if (!window.confirm('Turn ' + s.name + ' ' + (value ? 'on' : 'off') + '?\n\nReason: ' + reason.trim())) return;
    try {
      const result = await api('/api/rollout/switches/' + encodeURIComponent(s.name),
        { method: 'POST', body: { value, reason: reason.trim() } });
      Console.notice(rolloutMessage, result.message, false);
    } catch (e) {
      Console.notice(rolloutMessage, e.message, true);
    }
    await refreshRollout();
  }
  async function refreshRollout() {
    const rollout = await api('/api/rollout');
    document.querySelector('#switches tbody').replaceChildren(...rollout.switches.map((s) => {
      const button = el('button', { type: 'button', disabled: !me.operator,
        title: me.operator ? '' : 'Needs the OPERATOR role', text: s.value ? 'Turn off' : 'Turn on' });
      button.addEventListener('click', () => change(s));
      return el('tr', { title: s.description }, el(s.kind === 'batch' ? 'th' : 'td', { text: s.name }),
        el('td', { text: s.batch }), el('td', {}, yes(s.value)), el('td', {}, yes(s.effective)),
        el('td', { text: Console.time(s.updatedAt) + ' (' + s.updatedAtMs + ')' }), el('td', { text: s.updatedBy }),
        el('td', { text: s.reason }), el('td', {}, button));
    }));
    document.querySelector('#trail tbody').replaceChildren(...rollout.changes.map((c) => el('tr', {},
      el('td', { text: Console.time(c.changedAt), title: String(c.changedAtMs) }), el('td', { text: c.name }),
      el('td', { text: (c.oldValue === null ? 'created' : c.oldValue) + ' → ' + c.newValue }),
      el('td', { text: c.changedBy }), el('td', { text: c.reason }))));
    document.querySelector('#probes tbody').replaceChildren(...rollout.probes.map((p) => el('tr', {},
      el('td', { text: p.source }), el('td', { text: p.endpoint }),
      el('td', { class: p.granted ? 'status status-COMPLETED' : 'status status-FAILED', text: p.granted ? 'granted' : 'refused' }),
      el('td', { text: p.message }), el('td', { class: 'muted', text: p.request }), el('td', { text: Console.time(p.probedAt) }))));
  }
  function bytes(value) {
    if (value === null || value === undefined) return '';
    const units = ['B', 'kB', 'MB', 'GB', 'TB'];
    let size = value;
    let unit = 0;
    while (size >= 1024 && unit < units.length - 1) {
      size /= 1024;
      unit++;
    }
    return Console.number(size, unit ? 1 : 0) + ' ' + units[unit];
  }
  // Sizes come from every table's catalog entry: once a minute is enough. A failure here leaves the rest of the
  // page as it is.
  async function refreshDatabase() {
    try {
      const database = await api('/api/system/database');
      document.getElementById('database').replaceChildren(
        el('dt', { text: 'Connection' }), el('dd', { id: 'database-url', text: database.url }),
        el('dt', { text: 'Mode' }), el('dd', { text: database.mode }),
        el('dt', { text: 'Server' }), el('dd', { text: database.server }));
      document.querySelector('#tables tbody').replaceChildren(...database.tables.map((t) => el('tr', {},
        el('td', { text: t.name }), el('td', { text: t.kind }),
        el('td', { class: 'num', text: (t.rowsEstimated ? '~' : '') + Console.number(t.rows) }),
        el('td', { class: 'num', text: bytes(t.bytes) }), el('td', { class: 'num', text: bytes(t.compressedBytes) }),
        el('td', { class: 'num', text: t.compressionRatio ? Console.number(t.compressionRatio, 1) + ' ×' : '' }))));
    } catch (e) {
      Console.notice(document.getElementById('database-check'), 'The database section could not be read: ' + e.message, true);
    }
  }
  const checkButton = document.getElementById('check-database');
  checkButton.addEventListener('click', async () => {
    const target = document.getElementById('database-check');
    checkButton.disabled = true;
    try {
      const check = await api('/api/system/database/check', { method: 'POST' });
      Console.notice(target, check.message, !check.ok);
    } catch (e) {
      Console.notice(target, e.message, true);
    } finally {
      checkButton.disabled = false;
    }
  });
  await refresh();
  await refreshRollout();
  await refreshGate();
  setInterval(refresh, 5000);
  setInterval(refreshRollout, 30000);
  setInterval(refreshGate, 60000);
  refreshDatabase();
  setInterval(refreshDatabase, 60000);
})();
