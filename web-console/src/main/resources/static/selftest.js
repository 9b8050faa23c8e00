'use strict';
(async () => {
  const { api, el, notice, time, status } = Console;
  await Console.header('Self-test');
  const me = await Console.user();
  const message = document.getElementById('message');
  const every = document.getElementById('every');
  const setButton = document.getElementById('set-schedule');
  const runButton = document.getElementById('run-now');
  let selected = null;
  let polling = null;

  function webhook(run) {
    if (run.notified === null || run.notified === undefined) return '–';
    return run.notified ? 'told' : 'not told: ' + (run.notifyError || '');
  }

  function label(every) {
    if (every === 'off') return 'Off';
    return every === 'hourly' ? 'Hourly' : every === 'daily' ? 'Daily' : 'Every ' + every;
  }

  async function showSchedule() {
    const schedule = await api('/api/selftest/schedule');
    if (!every.options.length) {
      every.replaceChildren(...schedule.choices.map((c) => el('option', { value: c, text: c })));
    }
    every.value = schedule.every;
    document.getElementById('schedule').textContent = label(schedule.every)
      + ', set by ' + schedule.setBy + ' at '
      + time(schedule.setAt) + '; ' + (schedule.nextRunAt ? 'next run at ' + time(schedule.nextRunAt) : 'no run planned')
      + (schedule.underWay ? '; a run is under way.' : '.');
    setButton.disabled = !me.operator;
    runButton.disabled = !me.operator || schedule.underWay;
    return schedule;
  }

  async function showChecks(id) {
    selected = id;
    const run = await api('/api/selftest/' + id);
    document.getElementById('checks-title').textContent = 'Checks of run ' + run.id + ' (' + run.checks + ', '
      + run.failed + ' failed)';
    document.querySelector('#checks tbody').replaceChildren(...run.results.map((r) => el('tr',
      { 'data-endpoint': r.endpoint, 'data-status': r.status },
      el('td', { text: r.source }), el('td', { text: r.endpoint }), el('td', {}, status(r.status)),
      el('td', { class: 'num', text: r.latencyMillis }),
      el('td', { class: 'num', text: r.sampleSize === null ? '–' : r.sampleSize }),
      el('td', { text: r.errorClass || '–' }), el('td', { text: r.message }), el('td', { class: 'muted', text: r.request }))));
    document.querySelectorAll('#runs tbody tr').forEach((row) =>
      row.classList.toggle('selected', row.dataset.id === String(id)));
  }

  async function refresh() {
    const schedule = await showSchedule();
    const runs = await api('/api/selftest?limit=50');
    document.querySelector('#runs tbody').replaceChildren(...runs.map((r) => el('tr', { 'data-id': r.id },
      el('td', { text: r.id }), el('td', { text: time(r.startedAt) }), el('td', { text: time(r.finishedAt) }),
      el('td', { text: r.trigger }), el('td', { text: r.sources }), el('td', { class: 'num', text: r.checks }),
      el('td', { class: 'num' + (r.failed ? ' error' : ''), text: r.failed }), el('td', { text: webhook(r) }),
      el('td', {}, el('button', { type: 'button', class: 'show', text: 'Checks' }), ' ',
        el('a', { href: '/api/selftest/' + r.id + '?download=true', download: 'selftest-' + r.id + '.json',
          text: 'Download JSON' })))));
    document.querySelectorAll('#runs button.show').forEach((button) =>
      button.addEventListener('click', () => showChecks(Number(button.closest('tr').dataset.id))));
    if (!runs.length) {
      notice(message, 'No self-test has run yet.', false);
      document.querySelector('#checks tbody').replaceChildren();
    } else {
      await showChecks(selected !== null && runs.some((r) => r.id === selected) ? selected : runs[0].id);
    }
    // While a run goes on, its checks appear as they come. A run left unfinished by a
    // server that stopped is not waited for past ten minutes; the next refresh starts
    // only when this one has ended.
    const recent = (r) => !r.finishedAt && Date.now() - new Date(r.startedAt).getTime() < 600000;
    const busy = schedule.underWay || runs.some(recent);
    if (polling !== null) {
      clearTimeout(polling);
      polling = null;
    }
    if (busy) {
      polling = setTimeout(() => refresh().catch((e) => notice(message, e.message, true)), 2000);
    }
  }

  document.getElementById('schedule-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const schedule = await api('/api/selftest/schedule', { method: 'PUT', body: { every: every.value } });
      notice(message, schedule.every === 'off' ? 'The schedule is off; no run is planned.'
        : 'The self-test runs ' + label(schedule.every).toLowerCase() + '.', false);
      await showSchedule();
    } catch (e) {
      notice(message, e.message, true);
    }
  });
  runButton.addEventListener('click', async () => {
    try {
      const started = await api('/api/selftest/run', { method: 'POST' });
      notice(message, 'Self-test ' + started.run + ' started.', false);
      selected = started.run;
      await refresh();
    } catch (e) {
      notice(message, e.message, true);
    }
  });
  await refresh();
})();
