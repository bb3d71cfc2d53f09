// --- transparency report: requests per agency type, stacked by how they ended, from the chart element's data- attributes ---
window.addEventListener('load', function () {
  'use strict';
  var el = document.getElementById('disclosure-chart');
  if (!el || !window.echarts) {
    return;
  }
  var numbers = function (s) { return s ? s.split('|').map(Number) : []; };
  var series = ['produced', 'none', 'rejected', 'pending'].map(function (k) {
    var label = el.dataset['l' + k.charAt(0).toUpperCase() + k.slice(1)];
    return { name: label, type: 'bar', stack: 'all', data: numbers(el.dataset[k]) };
  });
  var chart = window.echarts.init(el);
  chart.setOption({
    tooltip: { trigger: 'axis' },
    legend: {},
    xAxis: { type: 'category', data: el.dataset.types ? el.dataset.types.split('|') : [] },
    yAxis: { type: 'value', minInterval: 1 },
    series: series
  });
  el.setAttribute('data-drawn', 'true');
});
