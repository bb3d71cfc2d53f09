// Workforce charts (echarts). Pages carry their data in data-chart attributes: the CSP forbids inline scripts.
(function () {
  'use strict';

  function stacked(el, data) {
    var chart = echarts.init(el);
    var skills = Object.keys(data.required || {});
    var series = skills.map(function (skill) {
      return { name: (data.names && data.names[skill]) || skill, type: 'bar', stack: 'agents', data: data.required[skill] };
    });
    if (data.contacts) {
      series.push({ name: el.dataset.contacts, type: 'line', yAxisIndex: 1, data: data.contacts });
    }
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 50, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: data.labels },
      yAxis: [{ type: 'value', name: el.dataset.agents, minInterval: 1 }, { type: 'value', name: el.dataset.contacts }],
      series: series
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  // coverage against requirement: intervals that meet it in green, short ones in red. Two series, one colour each,
  // so the legend shows exactly the colours of the bars (a per-bar colour left the legend in the palette's blue).
  var MET = '#2e7d32', SHORT = '#c62828', REQUIRED = '#333333';

  function coverage(el, data) {
    var chart = echarts.init(el);
    var met = data.scheduled.map(function (v, i) { return v >= data.required[i] ? v : '-'; });
    var short = data.scheduled.map(function (v, i) { return v < data.required[i] ? v : '-'; });
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 20, top: 36, bottom: 60 },
      dataZoom: [{ type: 'slider', bottom: 5 }],
      xAxis: { type: 'category', data: data.labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: el.dataset.met, type: 'bar', stack: 'at-work', data: met, itemStyle: { color: MET } },
        { name: el.dataset.short, type: 'bar', stack: 'at-work', data: short, itemStyle: { color: SHORT } },
        { name: el.dataset.required, type: 'line', step: 'middle', data: data.required, symbol: 'none',
          itemStyle: { color: REQUIRED }, lineStyle: { color: REQUIRED } }
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function init() {
    if (typeof echarts === 'undefined') {
      return;
    }
    var required = document.getElementById('required-chart');
    if (required) {
      stacked(required, JSON.parse(required.dataset.chart));
    }
    var cov = document.getElementById('coverage-chart');
    if (cov) {
      coverage(cov, JSON.parse(cov.dataset.chart));
    }
  }

  // progress of a roster being solved: reload the status part until it is done
  function poll() {
    var status = document.querySelector('[data-poll]');
    if (!status) {
      return;
    }
    setTimeout(function () { window.location.reload(); }, 2000);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { init(); poll(); });
  } else {
    init();
    poll();
  }
})();
