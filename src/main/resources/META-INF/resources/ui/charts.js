/* benchy's charts, drawn with uPlot from a report's own data. Shared by the web UI and the HTML reports, which
   inline this file: nothing here fetches anything. Every number drawn is one the report holds; the functions only
   pick and arrange them. */
(function (global) {
  'use strict';

  var COLORS = ['#4f46e5', '#0891b2', '#d97706', '#db2777', '#16a34a', '#7c3aed', '#dc2626', '#0d9488',
    '#65a30d', '#9333ea'];
  var METRIC_NAMES = {t_s: 't/s', t_s_req: 't/s (req)', peak_ts: 'peak t/s', peak_ts_req: 'peak t/s (req)',
    ttfr: 'ttfr (ms)', est_ppt: 'est_ppt (ms)', e2e_ttft: 'e2e_ttft (ms)'};

  function color(i) { return COLORS[i % COLORS.length]; }

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  /* A titled card holding one chart; returns the element the chart goes in. */
  function card(parent, title, note) {
    var box = element('figure', 'chart');
    box.appendChild(element('figcaption', null, title));
    if (note) { box.appendChild(element('p', 'chart-note', note)); }
    var holder = element('div', 'chart-body');
    box.appendChild(holder);
    parent.appendChild(box);
    return holder;
  }

  function width(holder) {
    return Math.max(240, Math.floor(holder.getBoundingClientRect().width || holder.clientWidth || 480));
  }

  /* Draws a uPlot chart that follows its holder's width. */
  function plot(holder, opts, data) {
    opts.width = width(holder);
    opts.height = opts.height || 240;
    opts.legend = opts.legend || {live: false};
    var chart = new global.uPlot(opts, data, holder);
    if (global.ResizeObserver) {
      new global.ResizeObserver(function () {
        var w = width(holder);
        if (Math.abs(w - chart.width) > 2) { chart.setSize({width: w, height: opts.height}); }
      }).observe(holder);
    }
    return chart;
  }

  function numberAxis(label, whole) {
    var axis = {label: label, size: 64, labelSize: 18, grid: {stroke: '#e5e7eb', width: 1}, ticks: {stroke: '#d1d5db'}};
    if (whole) { axis.incrs = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000]; }
    return axis;
  }

  /* A y scale from 0, so lines of different concurrency keep their true proportions. */
  var FROM_ZERO = {range: function (u, min, max) { return [0, max > 0 ? max * 1.1 : 1]; }};

  function lineSeries(label, i, pointsOnly) {
    var s = {label: label, stroke: color(i), width: 2, spanGaps: true,
      points: {show: true, size: pointsOnly ? 7 : 6, fill: color(i), stroke: color(i)}};
    if (pointsOnly) { s.paths = function () { return null; }; }
    return s;
  }

  /* x values and one y list per series, aligned on the sorted union of the x values (null where a series has none). */
  function align(seriesPoints) {
    var xs = [];
    var seen = {};
    seriesPoints.forEach(function (points) {
      points.forEach(function (p) { if (!seen[p[0]]) { seen[p[0]] = true; xs.push(p[0]); } });
    });
    xs.sort(function (a, b) { return a - b; });
    var index = {};
    xs.forEach(function (x, i) { index[x] = i; });
    var data = [xs];
    seriesPoints.forEach(function (points) {
      var ys = xs.map(function () { return null; });
      points.forEach(function (p) { ys[index[p[0]]] = p[1]; });
      data.push(ys);
    });
    return data;
  }

  function distinct(values) {
    var out = [];
    values.forEach(function (v) { if (out.indexOf(v) < 0) { out.push(v); } });
    return out.sort(function (a, b) { return a - b; });
  }

  function rowsOf(figures, kind) {
    return (figures && figures.rows || []).filter(function (r) { return r.kind === kind && !r.context_phase; });
  }

  /* llama-bench's view of one run: a metric against depth, one line per concurrency. */
  function byDepth(parent, figures, kind, metric, title) {
    var rows = rowsOf(figures, kind).filter(function (r) { return r.means[metric] !== undefined; });
    if (!rows.length) { return null; }
    var levels = distinct(rows.map(function (r) { return r.concurrency; }));
    var points = levels.map(function (c) {
      return rows.filter(function (r) { return r.concurrency === c; })
        .map(function (r) { return [r.depth, r.means[metric]]; });
    });
    var series = [{label: 'depth'}].concat(levels.map(function (c, i) { return lineSeries('c' + c, i); }));
    return plot(card(parent, title), {scales: {x: {time: false}, y: FROM_ZERO}, series: series,
      axes: [numberAxis('depth (tokens)', true), numberAxis(METRIC_NAMES[metric])]}, align(points));
  }

  /* ttfr, est_ppt and e2e_ttft against depth, per concurrency. */
  function latencyByDepth(parent, figures) {
    var rows = rowsOf(figures, 'pp');
    if (!rows.length) { return null; }
    var levels = distinct(rows.map(function (r) { return r.concurrency; }));
    var series = [{label: 'depth'}];
    var points = [];
    ['ttfr', 'est_ppt', 'e2e_ttft'].forEach(function (metric) {
      levels.forEach(function (c) {
        var ps = rows.filter(function (r) { return r.concurrency === c && r.means[metric] !== undefined; })
          .map(function (r) { return [r.depth, r.means[metric]]; });
        if (ps.length) {
          series.push(lineSeries(metric + (levels.length > 1 ? ' c' + c : ''), series.length - 1));
          points.push(ps);
        }
      });
    });
    if (!points.length) { return null; }
    return plot(card(parent, 'Latency against depth'), {scales: {x: {time: false}, y: FROM_ZERO}, series: series,
      axes: [numberAxis('depth (tokens)', true), numberAxis('ms')]}, align(points));
  }

  /* A test's row name as the table prints it, for its prompt (pp) or generation (tg) row. */
  function testLabel(run, kind, maxConcurrency) {
    var base = run.is_context_prefill_phase ? 'ctx_' + kind : kind + (kind === 'pp' ? run.prompt_size : run.response_size);
    return base + (run.context_size ? ' @ d' + run.context_size : '')
      + (maxConcurrency > 1 ? ' (c' + run.concurrency + ')' : '');
  }

  /* Each request's value of a metric (its samples as the report keeps them), one series per test. */
  function perRequest(parent, report, field, kind, title, axis) {
    var runs = (report.benchmarks || []).filter(function (b) { return b[field] && b[field].values.length; });
    if (!runs.length) { return null; }
    var points = runs.map(function (b) {
      return b[field].values.map(function (v, i) { return [i + 1, v]; });
    });
    var series = [{label: 'request'}].concat(runs.map(function (b, i) {
      return lineSeries(testLabel(b, kind, report.max_concurrency), i, true);
    }));
    return plot(card(parent, title), {scales: {x: {time: false}}, series: series,
      axes: [numberAxis('request', true), numberAxis(axis)]}, align(points));
  }

  /* The tokens per second over each test's first batch, where the report recorded it. */
  function overTime(parent, report) {
    var runs = (report.benchmarks || []).filter(function (b) {
      return b.throughput_over_time && b.throughput_over_time.length && b.throughput_over_time[0].length;
    });
    if (!runs.length) { return null; }
    var points = runs.map(function (b) {
      return b.throughput_over_time[0].map(function (p) { return [Math.round(p[0] * 1000) / 1000, p[1]]; });
    });
    var series = [{label: 's'}].concat(runs.map(function (b, i) {
      return lineSeries(testLabel(b, 'tg', report.max_concurrency), i);
    }));
    series.slice(1).forEach(function (s) { s.points = {show: false}; });
    return plot(card(parent, 'Throughput over time (first batch of each test)',
      'tokens in the trailing second, all requests of the batch'), {scales: {x: {time: false}}, series: series,
      axes: [numberAxis('seconds since the first token'), numberAxis('tokens/s')]}, align(points));
  }

  /* Every chart of one run, for the HTML report and the web UI's run page. data: {report, figures}. */
  function runCharts(parent, data) {
    parent.textContent = '';
    var drawn = [
      byDepth(parent, data.figures, 'pp', 't_s', 'Prompt processing: t/s against depth'),
      byDepth(parent, data.figures, 'tg', 't_s', 'Generation: t/s against depth'),
      latencyByDepth(parent, data.figures),
      perRequest(parent, data.report, 'ttfr', 'pp', 'ttfr of each request', 'ms'),
      perRequest(parent, data.report, 'tg_req_throughput', 'tg', 'Generation t/s of each request', 't/s'),
      overTime(parent, data.report)
    ].filter(Boolean);
    if (!drawn.length) { parent.appendChild(element('p', 'empty', 'No figures to chart.')); }
    return drawn;
  }

  /* A metric over time from a target's stored reports (oldest to newest), one line per row of the given kind.
     history: [{id, finished_at, figures}]; onPick(id) is called when a point is clicked. */
  function history(parent, reports, kind, metric, title, onPick) {
    var ordered = reports.filter(function (r) { return r.figures && r.finished_at; })
      .slice().sort(function (a, b) { return Date.parse(a.finished_at) - Date.parse(b.finished_at); });
    var keys = [];
    ordered.forEach(function (r) {
      rowsOf(r.figures, kind).forEach(function (row) {
        var key = row.test + ' (c' + row.concurrency + ')';
        if (row.means[metric] !== undefined && keys.indexOf(key) < 0) { keys.push(key); }
      });
    });
    if (!keys.length) { return null; }
    var xs = ordered.map(function (r) { return Date.parse(r.finished_at) / 1000; });
    var data = [xs];
    keys.forEach(function (key) {
      data.push(ordered.map(function (r) {
        var row = rowsOf(r.figures, kind).filter(function (x) { return x.test + ' (c' + x.concurrency + ')' === key; })[0];
        return row && row.means[metric] !== undefined ? row.means[metric] : null;
      }));
    });
    var series = [{label: 'time'}].concat(keys.map(function (k, i) { return lineSeries(k, i); }));
    var opts = {scales: {x: {time: true}}, series: series,
      axes: [{grid: {stroke: '#e5e7eb', width: 1}, ticks: {stroke: '#d1d5db'}}, numberAxis(METRIC_NAMES[metric])]};
    if (onPick) {
      opts.hooks = {ready: [function (u) {
        u.over.addEventListener('click', function () {
          if (u.cursor.idx !== null && u.cursor.idx !== undefined) { onPick(ordered[u.cursor.idx].id); }
        });
        u.over.style.cursor = 'pointer';
      }]};
    }
    return plot(card(parent, title), opts, data);
  }

  /* A small line without axes: the last runs' values of one figure. */
  function sparkline(holder, values, i) {
    var xs = values.map(function (v, k) { return k; });
    return new global.uPlot({width: 220, height: 40, cursor: {show: false}, legend: {show: false},
      scales: {x: {time: false}}, axes: [{show: false}, {show: false}],
      series: [{}, {stroke: color(i || 0), width: 1.5, spanGaps: true, points: {show: false},
        fill: color(i || 0) + '22'}]}, [xs, values], holder);
  }

  global.BenchyCharts = {runCharts: runCharts, byDepth: byDepth, latencyByDepth: latencyByDepth,
    history: history, sparkline: sparkline, metricName: function (key) { return METRIC_NAMES[key] || key; }};
})(window);
