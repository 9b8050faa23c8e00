'use strict';
(async () => {
  const { api, el, notice, number } = Console;
  await Console.header('Bars');
  const form = document.getElementById('bars');
  const message = document.getElementById('message');
  const chart = echarts.init(document.getElementById('chart'));
  window.addEventListener('resize', () => chart.resize());
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of params) if (form.elements[key]) form.elements[key].value = value;

  form.elements.symbol.addEventListener('input', async () => {
    const prefix = form.elements.symbol.value.trim();
    if (prefix.length < 2) return;
    const symbols = await api('/api/bars/symbols?prefix=' + encodeURIComponent(prefix));
    document.getElementById('symbols').replaceChildren(...symbols.map((s) => el('option', { value: s })));
  });

  function draw(series) {
    // A gap stays a gap: its slot is on the axis with no candle and no volume.
    const candles = series.bars.map((b) => (b ? [b.open, b.close, b.low, b.high] : '-'));
    const volumes = series.bars.map((b) => (b ? { value: b.volume,
      itemStyle: { color: b.close >= b.open ? '#c23531' : '#2f8f4e' } } : '-'));
    chart.setOption({
      animation: false,
      title: { text: series.symbol + ' · ' + series.interval, left: 8, top: 4, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'cross' } },
      axisPointer: { link: [{ xAxisIndex: 'all' }] },
      grid: [{ left: 60, right: 24, top: 36, height: '60%' }, { left: 60, right: 24, top: '76%', height: '15%' }],
      xAxis: [
        { type: 'category', data: series.slots, boundaryGap: true, axisLabel: { show: false } },
        { type: 'category', data: series.slots, gridIndex: 1, boundaryGap: true },
      ],
      yAxis: [{ scale: true }, { gridIndex: 1, splitNumber: 2, axisLabel: { formatter: (v) => number(v) } }],
      dataZoom: [{ type: 'inside', xAxisIndex: [0, 1] }, { type: 'slider', xAxisIndex: [0, 1], bottom: 4 }],
      series: [
        { name: series.symbol, type: 'candlestick', data: candles,
          itemStyle: { color: '#c23531', color0: '#2f8f4e', borderColor: '#c23531', borderColor0: '#2f8f4e' } },
        { name: 'Volume', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: volumes },
      ],
    }, true);
  }

  // A range that reaches today (Beijing) follows it: the chart is read again every minute, without a
  // reload, while intraday loads add the session's bars.
  let follow = null;
  function beijingToday() {
    return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  }

  async function show() {
    clearTimeout(follow);
    const q = new URLSearchParams(new FormData(form));
    const today = beijingToday();
    const live = (q.get('to') || q.get('from')) >= today && q.get('from') <= today;
    if (!q.get('to')) q.delete('to');
    history.replaceState(null, '', '?' + q);
    try {
      const series = await api('/api/bars?' + q);
      message.replaceChildren();
      const present = series.slots.length - series.missing;
      document.getElementById('summary').textContent = number(present) + ' of ' + number(series.slots.length)
        + ' bars present' + (series.missing ? ', ' + number(series.missing) + ' missing (shown as gaps)' : '')
        + (live ? '; following today, read again every minute' : '');
      document.getElementById('chart').dataset.bars = String(present);
      draw(series);
    } catch (e) {
      notice(message, e.message, true);
    }
    if (live) follow = setTimeout(show, 60 * 1000);
  }

  form.addEventListener('submit', (event) => { event.preventDefault(); show(); });
  if (form.elements.symbol.value && form.elements.from.value) show();
})();
