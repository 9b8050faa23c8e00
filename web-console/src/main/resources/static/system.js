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
  await refresh();
  setInterval(refresh, 5000);
})();
