// --- abuse report: flagged contacts by hour of the day, drawn from the chart element's data- attributes ---
window.addEventListener('load', function () {
  'use strict';
  var el = document.getElementById('abuse-chart');
  if (!el || !window.echarts) {
    return;
  }
  var hours = [];
  for (var h = 0; h < 24; h++) { hours.push(h + ':00'); }
  var chart = window.echarts.init(el);
  chart.setOption({
    title: { text: el.dataset.title, textStyle: { fontSize: 13 } },
    tooltip: {},
    xAxis: { type: 'category', data: hours },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: el.dataset.hours.split('|').map(Number) }]
  });
  el.setAttribute('data-drawn', 'true');
});
