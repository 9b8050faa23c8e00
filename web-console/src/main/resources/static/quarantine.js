'use strict';
(async () => {
  const { api, el, notice, time } = Console;
  await Console.header('Quarantine');
  const me = await Console.user();
  const message = document.getElementById('message');
  const datasetInput = document.getElementById('dataset');
  // The dataset of the list on screen: "Release all" releases what is shown, not what was typed since.
  let shown = '';
  const releaseAll = document.getElementById('release-all');
  datasetInput.value = new URLSearchParams(window.location.search).get('dataset') || '';

  async function release(path, body, what) {
    const reason = window.prompt('Why release ' + what + '? The reason is kept with the release.');
    if (reason === null) return;
    try {
      const result = await api(path, { method: 'POST', body: Object.assign({ reason }, body) });
      notice(message, result.released !== undefined ? 'Released ' + result.released + ' unit(s).'
        : 'Released ' + result.dataset + ' ' + result.unit + '; the next run loads it again.', false);
      await refresh();
    } catch (e) {
      notice(message, e.message, true);
    }
  }

  async function refresh() {
    const dataset = datasetInput.value.trim();
    shown = dataset;
    const view = await api('/api/quarantine' + (dataset ? '?dataset=' + encodeURIComponent(dataset) : ''));
    document.querySelector('#units tbody').replaceChildren(...view.units.map((u) => el('tr', { 'data-id': u.id },
      el('td', { text: u.id }), el('td', { text: u.dataset }), el('td', { text: u.unit }), el('td', { text: u.source }),
      el('td', { class: 'num', text: u.attempts }), el('td', { text: time(u.quarantinedAt) }),
      el('td', { text: u.lastError }),
      el('td', {}, el('button', { type: 'button', class: 'release', disabled: !me.operator, text: 'Release',
        onclick: null })))));
    document.querySelectorAll('#units button.release').forEach((button) => {
      const row = button.closest('tr');
      button.addEventListener('click', () => release('/api/quarantine/' + row.dataset.id + '/release', {},
        row.children[2].textContent));
    });
    document.querySelector('#releases tbody').replaceChildren(...view.releases.map((r) => el('tr', {},
      el('td', { text: r.id }), el('td', { text: r.dataset }), el('td', { text: r.unit }), el('td', { text: r.by }),
      el('td', { text: time(r.at) }), el('td', { text: r.reason }))));
    releaseAll.disabled = !me.operator || !dataset || view.units.length === 0;
    if (!view.units.length) notice(message, 'No unit is quarantined' + (dataset ? ' for ' + dataset : '') + '.', false);
  }

  document.getElementById('filters').addEventListener('submit', async (event) => {
    event.preventDefault();
    message.replaceChildren();
    await refresh();
  });
  releaseAll.addEventListener('click', () => release('/api/quarantine/release', { dataset: shown },
    'every quarantined unit of ' + shown));
  await refresh();
})();
