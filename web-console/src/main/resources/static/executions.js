'use strict';
(async () => {
  const { api, el, time, duration, number, status, notice } = Console;
  await Console.header('Executions');
  const form = document.getElementById('filters');
  const body = document.querySelector('#executions tbody');
  const older = document.getElementById('older');
  const message = document.getElementById('message');
  let next = null;

  const jobs = await api('/api/jobs');
  const jobSelect = document.getElementById('filter-job');
  for (const job of jobs) jobSelect.append(el('option', { text: job.name }));
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of params) {
    const field = form.elements[key];
    if (!field) continue;
    if (field.type === 'checkbox') field.checked = value === 'true'; else field.value = value;
  }

  function query(before) {
    const q = new URLSearchParams();
    for (const name of ['job', 'status', 'from', 'to']) {
      if (form.elements[name].value) q.set(name, form.elements[name].value);
    }
    if (form.elements.failed.checked) q.set('failed', 'true');
    if (before) q.set('before', before);
    return q;
  }

  function row(execution) {
    const link = el('a', { href: '/execution.html?id=' + execution.id, text: execution.id });
    return el('tr', { 'data-id': execution.id, 'data-status': execution.status, 'data-job': execution.job },
      el('td', { class: 'num' }, link), el('td', { text: execution.job }), el('td', {}, status(execution.status)),
      el('td', { text: execution.exitCode || '' }), el('td', { text: time(execution.startTime) }),
      el('td', { class: 'num', text: duration(execution.durationSeconds) }),
      el('td', { class: 'num', text: number(execution.written) }), el('td', { class: 'muted', text: execution.parameters }));
  }

  async function load(append) {
    try {
      const page = await api('/api/executions?' + query(append ? next : null));
      if (!append) body.replaceChildren();
      for (const execution of page.items) body.append(row(execution));
      if (!append && page.items.length === 0) {
        body.append(el('tr', {}, el('td', { colspan: 8, class: 'muted', text: 'No executions match.' })));
      }
      next = page.next;
      older.hidden = next === null;
      message.replaceChildren();
      document.getElementById('refreshed').textContent = 'Updated ' + new Date().toLocaleTimeString();
    } catch (e) {
      notice(message, e.message, true);
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    history.replaceState(null, '', '?' + query(null));
    load(false);
  });
  let paged = false;
  older.addEventListener('click', () => { paged = true; load(true); });
  form.addEventListener('submit', () => { paged = false; });
  await load(false);
  // Newest first: keep the first page fresh until someone pages further.
  setInterval(() => { if (!paged) load(false); }, 5000);
})();
