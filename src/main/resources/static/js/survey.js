// --- survey results: CSAT and "not solved" per team as bars, drawn from the chart element's data- attributes ---
window.addEventListener('load', function () {
  'use strict';
  var el = document.getElementById('survey-chart');
  if (!el || !window.echarts) {
    return;
  }
  function numbers(s) { return s.split('|').map(Number); }
  var chart = window.echarts.init(el);
  chart.setOption({
    title: { text: el.dataset.title, textStyle: { fontSize: 13 } },
    tooltip: {},
    legend: { bottom: 0 },
    xAxis: { type: 'category', data: el.dataset.labels.split('|') },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
    series: [
      { name: el.dataset.csatName, type: 'bar', data: numbers(el.dataset.csat) },
      { name: el.dataset.notsolvedName, type: 'bar', data: numbers(el.dataset.notsolved) }
    ]
  });
  el.setAttribute('data-drawn', 'true');
});
