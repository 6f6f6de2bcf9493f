/* benchy's web UI: plain JavaScript over the service's REST API and its event stream. It shows what the reports and
   the service hold; it computes no figure of its own. */
(function () {
  'use strict';

  var app = document.getElementById('app');
  var live = {};       // target -> latest run_started/progress event of its run in progress
  var lines = {};      // target -> latest console line of its run in progress
  var view = null;     // what is on screen: {name, target?, refresh()}
  var HISTORY = 60;    // reports drawn over time on a target's page
  var SPARK = 20;      // reports in an overview sparkline

  /* ---------------------------------------------------------------- small helpers */

  function h(tag, attrs) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) { return; }
      if (k === 'text') { e.textContent = v; } else if (k === 'onclick') { e.addEventListener('click', v); }
      else if (k === 'className') { e.className = v; } else { e.setAttribute(k, v === true ? '' : v); }
    });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      (Array.isArray(c) ? c : [c]).forEach(function (x) {
        if (x === null || x === undefined || x === false) { return; }
        e.appendChild(typeof x === 'string' ? document.createTextNode(x) : x);
      });
    }
    return e;
  }

  function getJson(path) {
    return fetch(path, {headers: {Accept: 'application/json'}}).then(function (r) {
      if (!r.ok) { return problem(r); }
      return r.json();
    });
  }

  function getText(path) {
    return fetch(path).then(function (r) { return r.ok ? r.text() : problem(r); });
  }

  function problem(response) {
    return response.text().then(function (body) {
      var detail = body;
      try { detail = JSON.parse(body).detail || body; } catch (e) { /* not a problem document */ }
      var error = new Error(detail || ('HTTP ' + response.status));
      error.status = response.status;
      throw error;
    });
  }

  function enc(s) { return encodeURIComponent(s); }

  function when(iso) {
    if (!iso) { return h('span', {className: 'muted', text: '—'}); }
    var t = Date.parse(iso);
    var s = Math.round((t - Date.now()) / 1000);
    var a = Math.abs(s);
    if (a < 3) { return h('time', {datetime: iso, title: new Date(t).toLocaleString(), text: 'just now'}); }
    var text = a < 60 ? a + ' s' : a < 3600 ? Math.round(a / 60) + ' min' : a < 172800 ? Math.round(a / 3600) + ' h'
      : Math.round(a / 86400) + ' days';
    return h('time', {datetime: iso, title: new Date(t).toLocaleString(), text: s >= 0 ? 'in ' + text : text + ' ago'});
  }

  function badge(kind, value) {
    return value ? h('span', {className: kind + ' ' + kind + '-' + value, text: value}) : null;
  }

  function fixed(v, digits) { return v === undefined || v === null ? '' : v.toFixed(digits); }

  function section(title) {
    var children = Array.prototype.slice.call(arguments, 1);
    return h('section', null, title ? h('h2', {text: title}) : null, children);
  }

  function showError(error) {
    app.textContent = '';
    app.appendChild(h('p', {className: 'alert alert-error', text: error.message}));
  }

  function setNav(name) {
    document.querySelectorAll('[data-nav]').forEach(function (a) {
      a.className = a.getAttribute('data-nav') === name ? 'active' : '';
    });
  }

  /* Rows of a report's figures that llama-bench would show first: the lowest concurrency, no context-load phase. */
  function headlineRows(figures) {
    var rows = (figures && figures.rows || []).filter(function (r) { return !r.context_phase; });
    var lowest = Math.min.apply(null, rows.map(function (r) { return r.concurrency; }));
    return rows.filter(function (r) { return r.concurrency === lowest; });
  }

  function depthsOf(rows) {
    var depths = [];
    rows.forEach(function (r) { if (depths.indexOf(r.depth) < 0) { depths.push(r.depth); } });
    return depths.sort(function (a, b) { return a - b; });
  }

  function rowAt(rows, kind, depth) {
    return rows.filter(function (r) { return r.kind === kind && r.depth === depth; })[0];
  }

  /* ---------------------------------------------------------------- run now */

  function runNow(name, button, messageBox) {
    var token = sessionStorage.getItem('benchy-token');
    var headers = token ? {Authorization: 'Bearer ' + token} : {};
    button.disabled = true;
    fetch('api/targets/' + enc(name) + '/runs', {method: 'POST', headers: headers}).then(function (r) {
      if (r.status === 401) {
        askToken(name, button, messageBox, token ? 'That token was refused.' : null);
        return;
      }
      return r.json().then(function (body) {
        messageBox.textContent = r.ok ? 'Run ' + body.id + ' is queued.' : body.detail;
        messageBox.className = r.ok ? 'message' : 'message alert alert-error';
        if (r.ok) { live[name] = {type: 'run_started', target: name, report_id: body.id}; paintLive(); }
      });
    }).catch(function (e) {
      messageBox.textContent = e.message;
      messageBox.className = 'message alert alert-error';
    }).then(function () { button.disabled = !!live[name]; });
  }

  function askToken(name, button, messageBox, note) {
    messageBox.textContent = '';
    messageBox.className = 'message';
    var input = h('input', {type: 'password', placeholder: 'API token', autocomplete: 'off', size: 28});
    var form = h('form', {className: 'actions'},
      h('span', {text: (note ? note + ' ' : '') + 'This service needs its API token to start a run:'}), input,
      h('button', {type: 'submit', text: 'Run'}));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      sessionStorage.setItem('benchy-token', input.value);
      runNow(name, button, messageBox);
    });
    messageBox.appendChild(form);
    input.focus();
  }

  function runButton(name, messageBox, state) {
    var button = h('button', {type: 'button', text: 'Run now', 'data-run': name,
      disabled: state === 'running' || state === 'queued' || !!live[name], title: 'start a run now'});
    button.addEventListener('click', function () { runNow(name, button, messageBox); });
    return button;
  }

  /* ---------------------------------------------------------------- live progress */

  function liveBox(name) {
    return h('div', {className: 'live-box', 'data-live': name});
  }

  /* Redraws every live box and state badge from the latest events; nothing else on the page changes. */
  function paintLive() {
    document.querySelectorAll('[data-live]').forEach(function (box) {
      var name = box.getAttribute('data-live');
      var ev = live[name];
      box.textContent = '';
      if (!ev) { return; }
      var share = ev.steps ? ev.step / ev.steps : 0;
      box.appendChild(h('div', {className: 'progress', title: ev.steps ? ev.step + ' of ' + ev.steps + ' batches' : ''},
        h('div', {style: 'width:' + Math.round(share * 100) + '%'})));
      box.appendChild(h('div', {className: 'live-line', text: ev.type === 'progress'
        ? 'batch ' + ev.step + '/' + ev.steps + ' · ' + ev.test + (ev.phase && ev.phase !== 'standard' ? ' · ' + ev.phase : '')
        : 'run ' + (ev.report_id || '') + ' starting'}));
      if (lines[name]) { box.appendChild(h('div', {className: 'live-line', text: lines[name]})); }
    });
    document.querySelectorAll('[data-state]').forEach(function (b) {
      var name = b.getAttribute('data-state');
      if (live[name]) { b.className = 'state state-running'; b.textContent = 'running'; }
    });
    /* a run in progress cannot be started again: the button waits for it to finish */
    document.querySelectorAll('[data-run]').forEach(function (b) {
      if (live[b.getAttribute('data-run')]) { b.disabled = true; }
    });
  }

  function connect() {
    if (!window.EventSource) { return; }
    var indicator = document.getElementById('live');
    var source = new EventSource('api/events');
    source.onopen = function () {
      indicator.className = 'live on';
      indicator.lastChild.textContent = 'live';
    };
    source.onerror = function () {
      indicator.className = 'live';
      indicator.lastChild.textContent = 'reconnecting';
    };
    source.onmessage = function (message) {
      var ev = JSON.parse(message.data);
      if (ev.type === 'heartbeat') { return; }
      if (ev.type === 'run_started' || ev.type === 'progress') {
        live[ev.target] = ev;
        if (ev.type === 'run_started') { delete lines[ev.target]; }
      } else if (ev.type === 'info' || ev.type === 'warning') {
        lines[ev.target] = (ev.type === 'warning' ? 'warning: ' : '') + ev.message;
      } else if (ev.type === 'run_finished') {
        delete live[ev.target];
        delete lines[ev.target];
        if (view && view.refresh && (!view.target || view.target === ev.target)) { view.refresh(); }
      }
      paintLive();
    };
  }

  /* ---------------------------------------------------------------- overview */

  function overview() {
    setNav('targets');
    view = {name: 'targets', refresh: overview};
    Promise.all([getJson('api/targets'), getJson('api/reports?limit=12')]).then(function (got) {
      return Promise.all(got[0].map(function (t) {
        return getJson('api/targets/' + enc(t.name) + '/reports?limit=' + SPARK)
          .catch(function () { return []; })
          .then(function (history) { return {target: t, history: history}; });
      })).then(function (items) { return {items: items, recent: got[1]}; });
    }).then(function (got) {
      if (view.name !== 'targets') { return; }
      var items = got.items;
      app.textContent = '';
      app.appendChild(h('div', {className: 'page-head'}, h('div', null, h('h1', {text: 'Targets'}),
        h('p', {className: 'sub', text: 'Every configured endpoint, its last run and its speed over the last runs.'}))));
      var grid = h('div', {className: 'targets'});
      items.forEach(function (item) { grid.appendChild(targetCard(item.target, item.history)); });
      if (!items.length) { grid.appendChild(h('p', {className: 'empty', text: 'No target is configured.'})); }
      app.appendChild(h('div', {className: 'overview'}, grid, recentRuns(got.recent)));
      items.forEach(function (item) { drawSparks(item.target.name, item.history); });
      paintLive();
    }).catch(showError);
  }

  /* The newest runs of every target, whatever their status. */
  function recentRuns(reports) {
    return h('section', {className: 'recent'}, h('h2', {text: 'Latest runs'}),
      reports.length ? h('ul', {className: 'run-list'}, reports.map(function (r) {
        return h('li', null, badge('status', r.status), h('a', {href: '#/run/' + enc(r.id), text: r.target}),
          h('span', {className: 'muted'}, when(r.finished_at)),
          r.error ? h('div', {className: 'error-text', text: r.error}) : null);
      })) : h('p', {className: 'empty', text: 'No run yet: the first one starts within seconds.'}),
      h('p', {className: 'more'}, h('a', {href: '#/compare', text: 'Compare two runs \u2192'})));
  }

  function targetCard(t, history) {
    var message = h('div', {className: 'message'});
    var latest = history.filter(function (e) { return e.figures && e.figures.rows.length; })[0];
    var rows = latest ? headlineRows(latest.figures) : [];
    var headline = rows.length ? h('table', {className: 'headline', title: 'latest run, lowest concurrency'},
      h('thead', null, h('tr', null, h('th', {text: 'depth'}), h('th', {className: 'num', text: 'pp t/s'}),
        h('th', {className: 'num', text: 'tg t/s'}))),
      h('tbody', null, depthsOf(rows).map(function (d) {
        var pp = rowAt(rows, 'pp', d);
        var tg = rowAt(rows, 'tg', d);
        return h('tr', null, h('td', {text: String(d)}),
          h('td', {className: 'num', text: pp ? fixed(pp.means.t_s, 1) : ''}),
          h('td', {className: 'num', text: tg ? fixed(tg.means.t_s, 1) : ''}));
      }))) : h('p', {className: 'empty', text: 'No figures yet: the first run is on its way.'});
    var concurrency = rows.length ? ' (c' + rows[0].concurrency + ')' : '';
    var newest = history[0] || {};
    return h('article', {className: 'target-card', 'data-target': t.name},
      h('div', null,
        h('h2', null, h('a', {href: '#/target/' + enc(t.name), text: t.name}),
          h('span', {className: 'state state-' + t.state, 'data-state': t.name, text: t.state}),
          badge('status', t.last_status || newest.status)),
        h('div', {className: 'where', text: (t.model || t.served_model || 'model detected at run time') + ' · '
          + t.base_url})),
      h('div', {className: 'card-grid'},
        h('div', null,
          h('dl', {className: 'times'}, h('dt', {text: 'last run'}), h('dd', null, when(t.last_run_at || newest.finished_at)),
            h('dt', {text: 'next run'}), h('dd', null, when(t.next_run_at)),
            h('dt', {text: 'every'}), h('dd', {text: t.schedule_seconds + ' s'})),
          t.last_error ? h('div', {className: 'error-text', text: t.last_error}) : null,
          liveBox(t.name)),
        headline),
      h('div', {className: 'spark-row'},
        h('div', {className: 'spark'}, h('div', {text: 'pp t/s' + concurrency + ', last ' + history.length + ' runs'}),
          h('div', {'data-spark': t.name + '|pp'})),
        h('div', {className: 'spark'}, h('div', {text: 'tg t/s' + concurrency + ', last ' + history.length + ' runs'}),
          h('div', {'data-spark': t.name + '|tg'}))),
      h('div', {className: 'actions'}, runButton(t.name, message, t.state),
        h('a', {className: 'button secondary', href: '#/target/' + enc(t.name), text: 'Charts and runs'})),
      message);
  }

  /* The first headline row's t/s of each kind over the last runs, oldest first. */
  function drawSparks(name, history) {
    var latest = history.filter(function (e) { return e.figures && e.figures.rows.length; })[0];
    if (!latest) { return; }
    var first = headlineRows(latest.figures);
    ['pp', 'tg'].forEach(function (kind, i) {
      var row = first.filter(function (r) { return r.kind === kind; })[0];
      var holder = document.querySelector('[data-spark="' + name.replace(/"/g, '\\"') + '|' + kind + '"]');
      if (!row || !holder) { return; }
      var values = history.slice().reverse().map(function (e) {
        var same = (e.figures && e.figures.rows || []).filter(function (r) {
          return r.kind === kind && r.test === row.test && r.concurrency === row.concurrency;
        })[0];
        return same && same.means.t_s !== undefined ? same.means.t_s : null;
      });
      BenchyCharts.sparkline(holder, values, i);
    });
  }

  /* ---------------------------------------------------------------- a target */

  function targetPage(name) {
    setNav('targets');
    view = {name: 'target', target: name, refresh: function () { targetPage(name); }};
    Promise.all([getJson('api/targets/' + enc(name)),
      getJson('api/targets/' + enc(name) + '/reports?limit=' + HISTORY)]).then(function (got) {
      var t = got[0];
      var history = got[1];
      var latest = history.filter(function (e) { return e.figures && e.figures.rows.length; })[0];
      return (latest ? getText('api/reports/' + enc(latest.id) + '?format=md') : Promise.resolve(null))
        .then(function (markdown) { drawTarget(t, history, latest, markdown); });
    }).catch(showError);
  }

  function drawTarget(t, history, latest, markdown) {
    if (view.name !== 'target' || view.target !== t.name) { return; }
    var message = h('div', {className: 'message'});
    app.textContent = '';
    var plan = t.plan;
    app.appendChild(h('div', {className: 'page-head'},
      h('div', null, h('div', {className: 'crumbs'}, h('a', {href: '#/', text: 'Targets'}), ' /'),
        h('h1', null, t.name, h('span', {className: 'state state-' + t.state, 'data-state': t.name, text: t.state}),
          badge('status', t.last_status)),
        h('p', {className: 'sub', text: (t.model || 'model detected at run time') + ' · ' + t.base_url + ' · every '
          + t.schedule_seconds + ' s · pp ' + plan.pp.join(', ') + ' · tg ' + plan.tg.join(', ') + ' · depth '
          + plan.depth.join(', ') + ' · concurrency ' + plan.concurrency.join(', ')})),
      h('div', {className: 'actions'}, runButton(t.name, message, t.state),
        latest ? h('a', {className: 'button secondary', href: '#/compare?a=median&b=' + enc(latest.id),
          text: 'Latest against 7-day median'}) : null)));
    app.appendChild(message);
    app.appendChild(liveBox(t.name));
    if (!latest) {
      app.appendChild(section('Latest run', h('p', {className: 'empty', text: 'No report yet.'})));
    } else {
      app.appendChild(section('Latest run',
        h('p', {className: 'sub'}, h('a', {href: '#/run/' + enc(latest.id), text: latest.id}), ' · finished ',
          when(latest.finished_at), ' · ', badge('status', latest.status)),
        h('pre', {className: 'markdown', text: markdown})));
    }
    var over = h('div', {className: 'charts'});
    app.appendChild(section('Over time (last ' + history.length + ' runs; click a point to open its run)', over));
    var open = function (id) { location.hash = '#/run/' + enc(id); };
    [['pp', 't_s', 'Prompt processing t/s'], ['tg', 't_s', 'Generation t/s'], ['pp', 'ttfr', 'ttfr (ms)'],
      ['pp', 'est_ppt', 'est_ppt (ms)'], ['pp', 'e2e_ttft', 'e2e_ttft (ms)']].forEach(function (c) {
      BenchyCharts.history(over, history, c[0], c[1], c[2], open);
    });
    if (!over.childNodes.length) { over.appendChild(h('p', {className: 'empty', text: 'No figures yet.'})); }
    if (latest) {
      var byDepth = h('div', {className: 'charts'});
      app.appendChild(section('Latest run against depth (one line per concurrency)', byDepth));
      BenchyCharts.byDepth(byDepth, latest.figures, 'pp', 't_s', 'Prompt processing t/s');
      BenchyCharts.byDepth(byDepth, latest.figures, 'tg', 't_s', 'Generation t/s');
      BenchyCharts.latencyByDepth(byDepth, latest.figures);
    }
    var failures = history.filter(function (e) { return e.status !== 'ok' || e.error; });
    app.appendChild(section('Failures', failures.length ? h('div', {className: 'table-wrap'}, h('table', {className: 'runs'},
      h('thead', null, h('tr', null, h('th', {text: 'finished'}), h('th', {text: 'status'}), h('th', {text: 'run'}),
        h('th', {text: 'error'}))),
      h('tbody', null, failures.map(function (e) {
        return h('tr', null, h('td', null, when(e.finished_at)), h('td', null, badge('status', e.status)),
          h('td', null, h('a', {href: '#/run/' + enc(e.id), text: e.id})),
          h('td', {className: 'error-text', style: 'white-space:normal', text: e.error || 'some requests failed: see the run'}));
      })))) : h('p', {className: 'empty', text: 'None among the last ' + history.length + ' runs.'})));
    app.appendChild(section('Runs', h('div', {className: 'table-wrap'}, h('table', {className: 'runs'},
      h('thead', null, h('tr', null, h('th', {text: 'finished'}), h('th', {text: 'status'}), h('th', {text: 'run'}),
        h('th', {text: ''}))),
      h('tbody', null, history.map(function (e, i) {
        var previous = history[i + 1];
        return h('tr', null, h('td', null, when(e.finished_at)), h('td', null, badge('status', e.status)),
          h('td', null, h('a', {href: '#/run/' + enc(e.id), text: e.id})),
          h('td', null, previous ? h('a', {href: '#/compare?a=' + enc(previous.id) + '&b=' + enc(e.id),
            text: 'against the run before'}) : null));
      }))))));
    paintLive();
  }

  /* ---------------------------------------------------------------- a run */

  /* The body of a page the service renders (an HTML report or comparison), without its own header. */
  function documentBody(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var main = doc.querySelector('main');
    var data = doc.getElementById('benchy-data');
    var sub = doc.querySelector('.doc-head .sub');
    return {nodes: main ? Array.prototype.slice.call(main.childNodes) : [], data: data ? JSON.parse(data.textContent) : null,
      subtitle: sub};
  }

  function runPage(id) {
    setNav('targets');
    view = {name: 'run', id: id};
    Promise.all([getJson('api/reports/' + enc(id)), getText('api/reports/' + enc(id) + '?format=html')])
      .then(function (got) {
        if (view.name !== 'run' || view.id !== id) { return; }
        var report = got[0];
        var body = documentBody(got[1]);
        app.textContent = '';
        var base = 'api/reports/' + enc(id) + '?format=';
        app.appendChild(h('div', {className: 'page-head'},
          h('div', null, h('div', {className: 'crumbs'}, h('a', {href: '#/', text: 'Targets'}), ' / ',
            report.target ? h('a', {href: '#/target/' + enc(report.target), text: report.target}) : null, ' /'),
            h('h1', null, id, badge('status', report.status)),
            h('p', {className: 'sub', text: (report.model || '') + ' · ' + (report.timestamp || '')})),
          h('div', {className: 'actions'},
            ['json', 'md', 'csv', 'html'].map(function (f) {
              return h('a', {className: 'button secondary', href: base + f, download: id + '.' + f,
                text: f === 'md' ? 'Markdown' : f.toUpperCase()});
            }),
            report.target ? h('a', {className: 'button', href: '#/compare?a=median&b=' + enc(id),
              text: 'Against 7-day median'}) : null)));
        var holder = h('div', {className: 'report-body'});
        body.nodes.forEach(function (n) { holder.appendChild(document.importNode(n, true)); });
        app.appendChild(holder);
        var charts = holder.querySelector('#charts');
        if (charts && body.data) { BenchyCharts.runCharts(charts, body.data); }
      }).catch(showError);
  }

  /* ---------------------------------------------------------------- compare */

  function comparePage(params) {
    setNav('compare');
    view = {name: 'compare'};
    getJson('api/reports?limit=200').then(function (reports) {
      if (view.name !== 'compare') { return; }
      var b = params.b || (reports[0] && reports[0].id);
      var chosen = reports.filter(function (r) { return r.id === b; })[0];
      var before = chosen ? reports.filter(function (r) {
        return r.target === chosen.target && r.id !== chosen.id && r.finished_at < chosen.finished_at;
      })[0] : null;
      var a = params.a || (before ? before.id : 'median');
      var label = function (r) { return r.target + ' · ' + r.finished_at + ' · ' + r.status + ' · ' + r.id; };
      var selectA = h('select', {id: 'compare-a'}, h('option', {value: 'median', text: '7-day median of B\'s target'}),
        reports.map(function (r) { return h('option', {value: r.id, text: label(r)}); }));
      var selectB = h('select', {id: 'compare-b'}, reports.map(function (r) { return h('option', {value: r.id, text: label(r)}); }));
      selectA.value = a;
      selectB.value = b || '';
      var result = h('div', {id: 'compare-result'});
      var go = function () {
        location.hash = '#/compare?a=' + enc(selectA.value) + '&b=' + enc(selectB.value);
      };
      selectA.addEventListener('change', go);
      selectB.addEventListener('change', go);
      app.textContent = '';
      app.appendChild(h('div', {className: 'page-head'}, h('div', null, h('h1', {text: 'Compare'}),
        h('p', {className: 'sub', text: 'Every row both runs have, matched by test and concurrency: A, B and the change'
          + ' from A to B. Green is better (faster, or less time), red is worse.'}))));
      app.appendChild(section(null, h('div', {className: 'picker'}, h('label', {'for': 'compare-a', text: 'A (reference)'}),
        selectA, h('label', {'for': 'compare-b', text: 'B'}), selectB)));
      app.appendChild(result);
      if (!reports.length) {
        result.appendChild(section(null, h('p', {className: 'empty', text: 'No report yet.'})));
        return;
      }
      var query = 'api/compare?a=' + enc(selectA.value) + '&b=' + enc(selectB.value) + '&format=';
      getText(query + 'html').then(function (html) {
        var body = documentBody(html);
        var box = section(null);
        box.appendChild(h('div', {className: 'actions', style: 'margin-bottom:10px'},
          h('span', {className: 'sub', text: 'Download: '}),
          ['md', 'json', 'html'].map(function (f) {
            return h('a', {className: 'button secondary', href: query + f, download: 'compare.' + f,
              text: f === 'md' ? 'Markdown' : f.toUpperCase()});
          })));
        if (body.subtitle) {
          var legend = document.importNode(body.subtitle, true);
          legend.className = 'legend';
          box.appendChild(legend);
        }
        body.nodes.forEach(function (n) {
          if (n.nodeType === 1 && n.tagName === 'SECTION') {
            Array.prototype.slice.call(n.childNodes).forEach(function (c) { box.appendChild(document.importNode(c, true)); });
          }
        });
        result.appendChild(box);
      }).catch(function (e) { result.appendChild(h('p', {className: 'alert alert-error', text: e.message})); });
    }).catch(showError);
  }

  /* ---------------------------------------------------------------- routing */

  function route() {
    var hash = location.hash.replace(/^#\/?/, '');
    var parts = hash.split('?');
    var path = parts[0].split('/').map(decodeURIComponent);
    var params = {};
    (parts[1] || '').split('&').forEach(function (p) {
      var kv = p.split('=');
      if (kv[0]) { params[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1] || ''); }
    });
    if (path[0] === 'target' && path[1]) { targetPage(path[1]); }
    else if (path[0] === 'run' && path[1]) { runPage(path[1]); }
    else if (path[0] === 'compare') { comparePage(params); }
    else { overview(); }
  }

  window.addEventListener('hashchange', route);
  route();
  connect();
  /* relative times ("in 12 s") and states stay current on the overview without a reload */
  setInterval(function () {
    var typing = document.activeElement && document.activeElement.tagName === 'INPUT';
    if (view && view.name === 'targets' && !document.hidden && !typing) { overview(); }
  }, 15000);
})();
