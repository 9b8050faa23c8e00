'use strict';
(async () => {
  const { api, el, notice } = Console;
  await Console.header('Launch');
  const me = await Console.user();
  const jobs = await api('/api/jobs');
  const select = document.getElementById('job');
  const form = document.getElementById('launch');
  const message = document.getElementById('message');
  for (const job of jobs) select.append(el('option', { text: job.name }));

  function render() {
    const job = jobs.find((j) => j.name === select.value);
    const fields = (job ? job.fields : []).map((f) => el('label', { title: f.description }, f.name,
      el('input', { name: f.name, placeholder: f.example, 'aria-describedby': 'help-' + f.name }),
      el('span', { class: 'muted', id: 'help-' + f.name, text: f.description }),
      el('span', { class: 'field-error', 'data-field': f.name })));
    const submit = el('button', { class: 'primary', type: 'submit', text: 'Launch', disabled: !me.operator });
    form.replaceChildren(...fields, submit);
    if (!me.operator) notice(message, 'Launching needs the OPERATOR role.', false);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
    const parameters = {};
    for (const input of form.querySelectorAll('input')) {
      if (input.value.trim()) parameters[input.name] = input.value.trim();
    }
    const summary = Object.entries(parameters).map(([k, v]) => k + '=' + v).join(' ') || 'no parameters';
    if (!window.confirm('Launch ' + select.value + ' with ' + summary + '?')) return;
    try {
      const result = await api('/api/jobs/' + encodeURIComponent(select.value) + '/executions',
        { method: 'POST', body: { parameters } });
      window.location.href = '/execution.html?id=' + result.execution;
    } catch (e) {
      const field = e.body && e.body.field;
      const slot = field && form.querySelector('.field-error[data-field="' + field + '"]');
      if (slot) slot.textContent = e.body.reason;
      notice(message, e.message, true);
    }
  });
  select.addEventListener('change', render);
  render();
})();
