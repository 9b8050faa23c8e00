'use strict';
(async () => {
  const { api, el, time, duration, number, status, notice } = Console;
  await Console.header('Executions');
  const id = new URLSearchParams(window.location.search).get('id');
  const message = document.getElementById('message');
  const me = await Console.user();
  const confirmations = {
    restart: (d) => 'Restart execution ' + d.id + ' of ' + d.job + '? It resumes where it stopped.',
    stop: (d) => 'Stop execution ' + d.id + ' after its current chunk?',
    abandon: (d) => 'Abandon execution ' + d.id + '? Its job instance can never be restarted afterwards.',
    recover: (d) => 'Mark execution ' + d.id + ' FAILED? Only do this when the process running it is gone.',
  };
  let detail = null;
  let timer = null;

  function facts(d) {
    const rows = [['Job', d.job], ['Status', status(d.status)], ['Exit code', d.exitCode],
      ['Instance', d.instanceId], ['Created', time(d.createTime)], ['Started', time(d.startTime)],
      ['Ended', time(d.endTime)], ['Duration', duration(d.durationSeconds)], ['Last update', time(d.lastUpdated)]];
    document.getElementById('facts').replaceChildren(...rows.flatMap(([k, v]) =>
      [el('dt', { text: k }), el('dd', { id: 'fact-' + k.toLowerCase().replace(' ', '-') }, v)]));
  }

  function progress(d) {
    const section = document.getElementById('progress-section');
    const p = d.progress;
    section.hidden = !p;
    if (!p) return;
    const bar = document.getElementById('progress');
    const percent = Math.round(p.percent);
    bar.setAttribute('aria-valuenow', String(percent));
    bar.classList.toggle('done', d.status === 'COMPLETED');
    bar.querySelector('.fill').style.width = p.percent + '%';
    bar.querySelector('.label').textContent = number(p.unitsDone) + ' / ' + number(p.unitsTotal) + ' units · ' + percent + '%';
    const eta = p.etaSeconds === null ? (d.status === 'STARTED' ? 'ETA –' : '') : 'ETA ' + duration(p.etaSeconds);
    document.getElementById('progress-text').textContent =
      number(p.rows) + ' rows at ' + number(p.rowsPerSecond) + ' rows/s' + (eta ? ' · ' + eta : '');
  }

  function units(d) {
    const link = document.getElementById('coverage-link');
    link.hidden = !d.dataset;
    if (d.dataset) {
      link.href = '/coverage.html?dataset=' + encodeURIComponent(d.dataset);
      link.textContent = 'coverage of ' + d.dataset;
    }
    const counts = d.workUnits.counts;
    document.getElementById('units-section').hidden = Object.keys(counts).length === 0;
    document.querySelector('#units tbody').replaceChildren(...Object.entries(counts).map(([k, v]) =>
      el('tr', { 'data-unit-status': k }, el('td', { text: k }), el('td', { class: 'num', text: number(v) }))));
    const failed = d.workUnits.failed;
    document.getElementById('failed-title').hidden = failed.length === 0;
    document.getElementById('failed-units').hidden = failed.length === 0;
    document.querySelector('#failed-units tbody').replaceChildren(...failed.map((u) =>
      el('tr', {}, el('td', { text: u.unit }), el('td', { text: u.day || '' }), el('td', { text: u.error || '' }))));
  }

  function tables(d) {
    const parameters = d.identifyingParameters.map((p) => [p, 'yes']).concat(d.otherParameters.map((p) => [p, 'no']));
    document.querySelector('#parameters tbody').replaceChildren(...parameters.map(([p, identifying]) =>
      el('tr', {}, el('td', { text: p.name }), el('td', { text: p.value }), el('td', { class: 'muted', text: p.type }),
        el('td', { text: identifying }))));
    document.querySelector('#steps tbody').replaceChildren(...d.steps.map((s) =>
      el('tr', { title: s.exitDescription || '' }, el('td', { text: s.name }), el('td', {}, status(s.status)),
        el('td', { class: 'num', text: number(s.read) }), el('td', { class: 'num', text: number(s.written) }),
        el('td', { class: 'num', text: number(s.filtered) }),
        el('td', { class: 'num', text: s.readSkips + ' / ' + s.processSkips + ' / ' + s.writeSkips }),
        el('td', { class: 'num', text: number(s.commits) }), el('td', { class: 'num', text: number(s.rollbacks) }),
        el('td', { class: 'num', text: duration(s.durationSeconds) }))));
    document.getElementById('exit').textContent = d.exitDescription || '(none)';
  }

  function actions(d) {
    for (const action of ['restart', 'stop', 'abandon', 'recover']) {
      const button = document.getElementById(action);
      button.disabled = !me.operator || !d.actions[action];
      button.title = me.operator ? '' : 'Needs the OPERATOR role';
    }
  }

  async function log() {
    const response = await fetch('/api/executions/' + id + '/log', { credentials: 'same-origin' });
    document.getElementById('log').textContent = await response.text();
  }

  async function refresh() {
    try {
      detail = await api('/api/executions/' + id);
    } catch (e) {
      notice(message, e.message, true);
      return;
    }
    document.getElementById('title').textContent = 'Execution ' + detail.id + ' · ' + detail.job;
    facts(detail);
    progress(detail);
    units(detail);
    tables(detail);
    actions(detail);
    await log();
    const running = ['STARTING', 'STARTED', 'STOPPING'].includes(detail.status);
    clearTimeout(timer);
    // While it runs the page follows it every second; afterwards it stays still.
    if (running) timer = setTimeout(refresh, 1000);
  }

  for (const action of ['restart', 'stop', 'abandon', 'recover']) {
    document.getElementById(action).addEventListener('click', async () => {
      if (!window.confirm(confirmations[action](detail))) return;
      try {
        const result = await api('/api/executions/' + id + '/' + action, { method: 'POST' });
        if (action === 'restart') {
          window.location.href = '/execution.html?id=' + result.execution;
          return;
        }
        notice(message, result.message, false);
        await refresh();
      } catch (e) {
        notice(message, e.message, true);
      }
    });
  }
  document.getElementById('download').href = '/api/executions/' + id + '/log?download=true';
  await refresh();
})();
