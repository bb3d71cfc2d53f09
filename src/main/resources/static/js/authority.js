// --- authority report: amounts granted per agent as bars, drawn from the chart element's data- attributes ---
window.addEventListener('load', function () {
  'use strict';
  var el = document.getElementById('authority-chart');
  if (!el || !window.echarts) {
    return;
  }
  var chart = window.echarts.init(el);
  chart.setOption({
    title: { text: el.dataset.title, textStyle: { fontSize: 13 } },
    tooltip: {},
    xAxis: { type: 'category', data: el.dataset.labels.split('|') },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', data: el.dataset.values.split('|').map(Number) }]
  });
  el.setAttribute('data-drawn', 'true');
});
