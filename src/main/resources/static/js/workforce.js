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

  // coverage against requirement: under-covered intervals in red
  function coverage(el, data) {
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 20, top: 36, bottom: 60 },
      dataZoom: [{ type: 'slider', bottom: 5 }],
      xAxis: { type: 'category', data: data.labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: el.dataset.scheduled, type: 'bar', data: data.scheduled.map(function (v, i) {
            return { value: v, itemStyle: { color: v < data.required[i] ? '#c62828' : '#2e7d32' } };
          }) },
        { name: el.dataset.required, type: 'line', step: 'middle', data: data.required, lineStyle: { color: '#333' } }
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
