'use strict';
// Shared by every page: the API client (session cookie plus the CSRF header the server
// expects on state-changing requests), the navigation bar and formatting.

const Console = (() => {
  function cookie(name) {
    const match = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
    return match ? decodeURIComponent(match.substring(name.length + 1)) : null;
  }

  class Problem extends Error {
    constructor(status, body) {
      super((body && (body.detail || body.title)) || ('HTTP ' + status));
      this.status = status;
      this.body = body || {};
    }
  }

  async function api(path, options = {}) {
    const headers = Object.assign({ Accept: 'application/json' }, options.headers || {});
    const method = options.method || 'GET';
    if (method !== 'GET') {
      headers['X-XSRF-TOKEN'] = cookie('XSRF-TOKEN') || '';
    }
    let body = options.body;
    if (body !== undefined && typeof body !== 'string') {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(body);
    }
    const response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
    if (response.status === 401) {
      window.location.href = '/login';
      throw new Problem(401, null);
    }
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = { detail: text }; }
    if (!response.ok) {
      throw new Problem(response.status, json);
    }
    return json;
  }

  let me = null;
  async function user() {
    if (!me) {
      me = await api('/api/me');
    }
    return me;
  }

  async function header(current) {
    const pages = [['/', 'Executions'], ['/launch.html', 'Launch'], ['/bars.html', 'Bars'], ['/funds.html', 'Funds'],
      ['/coverage.html', 'Coverage'], ['/quarantine.html', 'Quarantine'], ['/selftest.html', 'Self-test'],
      ['/system.html', 'System'],
      ['/swagger-ui.html', 'API']];
    const bar = document.createElement('header');
    const brand = document.createElement('span');
    brand.className = 'brand';
    brand.textContent = 'Marketbase';
    bar.appendChild(brand);
    for (const [href, label] of pages) {
      const link = document.createElement('a');
      link.href = href;
      link.textContent = label;
      if (label === current) link.className = 'current';
      bar.appendChild(link);
    }
    const who = document.createElement('span');
    who.className = 'user';
    bar.appendChild(who);
    const logout = document.createElement('form');
    logout.method = 'post';
    logout.action = '/logout';
    const token = document.createElement('input');
    token.type = 'hidden';
    token.name = '_csrf';
    token.value = cookie('XSRF-TOKEN') || '';
    const button = document.createElement('button');
    button.textContent = 'Sign out';
    logout.append(token, button);
    bar.appendChild(logout);
    document.body.prepend(bar);
    const u = await user();
    who.textContent = u.name + ' (' + u.roles.join(', ').toLowerCase() + ')';
    // Synthetic data is never shown without saying so.
    const system = await api('/api/system');
    if (system.defaultSource.includes('synthetic')) {
      const banner = document.createElement('div');
      banner.className = 'notice synthetic';
      banner.id = 'synthetic-banner';
      banner.setAttribute('role', 'status');
      banner.textContent = (system.demo ? 'Demo mode: ' : '') + 'launches without a source read source: '
        + system.defaultSource + '.';
      bar.after(banner);
    }
  }

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function time(value) {
    return value ? value.replace('T', ' ').substring(0, 19) : '–';
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '–';
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    return (h ? h + 'h ' : '') + (h || m ? m + 'm ' : '') + s + 's';
  }

  function number(value, digits = 0) {
    return Number(value).toLocaleString('en-US', { maximumFractionDigits: digits });
  }

  function status(value) {
    return el('span', { class: 'status status-' + value, text: value });
  }

  function notice(target, message, isError) {
    target.replaceChildren(el('div', { class: isError ? 'notice error' : 'notice', role: 'status', text: message }));
  }

  return { api, user, header, el, time, duration, number, status, notice, Problem };
})();
