// Kept pages: htmx wiring and keyboard shortcuts. The content-security-policy forbids inline scripts, so
// everything interactive lives in this one file; pages only carry ids, classes and data- attributes.
(function () {
  'use strict';

  // --- top bar menus ---------------------------------------------------------------------------------
  // One menu open at a time; Escape or a click elsewhere closes it (a <details> alone stays open).
  function closeMenus(except) {
    document.querySelectorAll('details.navmenu[open]').forEach(function (d) {
      if (d !== except) {
        d.removeAttribute('open');
      }
    });
  }
  document.addEventListener('click', function (e) {
    closeMenus(e.target.closest ? e.target.closest('details.navmenu') : null);
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') {
      var open = document.querySelector('details.navmenu[open]');
      if (open) {
        open.removeAttribute('open');
        open.querySelector('summary').focus();
      }
    }
  });

  // --- htmx -------------------------------------------------------------------------------------------
  // htmx drops 4xx answers by default. The server marks the refusals it wants shown (stale version, invalid
  // input) with a Kept-Error header; those are swapped in like any answer, but still count as failed, so the
  // form that caused them keeps what the person typed.
  document.addEventListener('htmx:beforeSwap', function (e) {
    var xhr = e.detail.xhr;
    if (xhr.status >= 400 && xhr.getResponseHeader('Kept-Error')) {
      e.detail.shouldSwap = true;
      e.detail.isError = true;
    }
  });

  // Filter forms leave out what is not set, so the pushed URL reads like the query ("?view=team&priority=P1").
  document.addEventListener('htmx:configRequest', function (e) {
    if (e.detail.verb !== 'get' || !e.detail.elt.closest || !e.detail.elt.closest('form[role=search]')) {
      return;
    }
    var params = e.detail.parameters;
    Object.keys(params).forEach(function (name) {
      if (params[name] === '') {
        delete params[name];
      }
    });
  });

  // A sent reply or note empties its form; a refused one keeps its text.
  document.addEventListener('htmx:afterRequest', function (e) {
    var form = e.detail.elt;
    if (form && form.matches && form.matches('form[data-reset-on-success]') && e.detail.successful) {
      form.reset();
    }
  });

  // Anything else that fails (no network, a server fault) says so instead of silently doing nothing.
  function requestFailed(e) {
    var xhr = e.detail.xhr;
    if (xhr && xhr.getResponseHeader && xhr.getResponseHeader('Kept-Error')) {
      return;
    }
    var toast = document.getElementById('request-failed');
    if (toast) {
      toast.hidden = false;
      clearTimeout(requestFailed.timer);
      requestFailed.timer = setTimeout(function () { toast.hidden = true; }, 6000);
    }
  }
  document.addEventListener('htmx:responseError', requestFailed);
  document.addEventListener('htmx:sendError', requestFailed);

  // Count chips on the queue set the state filter, so the form stays the one source of the query.
  document.addEventListener('click', function (e) {
    var chip = e.target.closest && e.target.closest('.counts .count[data-state]');
    if (!chip) {
      return;
    }
    var select = document.querySelector('#queue-filters select[name=state]');
    if (select) {
      select.value = select.value === chip.dataset.state ? '' : chip.dataset.state;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }
  });

  // A plain filter form sends itself when its select changes (inline handlers are forbidden by the policy).
  document.addEventListener('change', function (e) {
    var select = e.target;
    if (select.matches && select.matches('select[data-submit-on-change]') && select.form) {
      select.form.requestSubmit();
    }
  });
  // Knowledge beside the ticket: "use in reply" puts the article's passage in the reply box and remembers which
  // article version the reply cites; a script puts its filled text there.
  document.addEventListener('click', function (e) {
    var use = e.target.closest && e.target.closest('.kb-use, .kb-script');
    var reply = document.getElementById('reply');
    if (!use || !reply) {
      return;
    }
    reply.value = (reply.value ? reply.value + '\n' : '') + use.dataset.text;
    if (use.classList.contains('kb-use')) {
      document.getElementById('kb-article-id').value = use.dataset.articleId;
      document.getElementById('kb-article-version').value = use.dataset.articleVersion;
      document.getElementById('kb-citing').hidden = false;
    }
    reply.focus();
  });
  document.addEventListener('htmx:afterRequest', function (e) {
    if (e.detail.elt && e.detail.elt.id === 'reply-form' && e.detail.successful) {
      ['kb-article-id', 'kb-article-version'].forEach(function (id) { document.getElementById(id).value = ''; });
      document.getElementById('kb-citing').hidden = true;
    }
  });

  // Recording a ticket: the contact phone is the chosen customer's (as the page shows it; the server stores the
  // customer's own number for a masked one), unless the agent typed another.
  function fillContactPhone(radio) {
    var phone = document.getElementById('contactPhone');
    if (!phone || !radio || !radio.dataset.phone || (phone.value && phone.dataset.auto !== 'true')) {
      return;
    }
    phone.value = radio.dataset.phone;
    phone.dataset.auto = 'true';
  }
  document.addEventListener('change', function (e) {
    if (e.target.matches && e.target.matches('input[name=customerId][data-phone]')) {
      fillContactPhone(e.target);
    } else if (e.target.id === 'contactPhone') {
      e.target.dataset.auto = 'false';
    }
  });
  document.addEventListener('DOMContentLoaded', function () {
    fillContactPhone(document.querySelector('input[name=customerId][data-phone]:checked'));
  });

  // --- ticket page: the action bar --------------------------------------------------------------------
  // One tab open at a time, so every action of a call is one click away within one screen. The open tab survives
  // htmx swapping the controls in (an action's answer); the server names it after a plain form's redirect.
  var openTab = null;
  function showTab(name) {
    var side = document.querySelector('.actions-side');
    if (!side || !side.querySelector('[data-tab-for="' + name + '"]')) {
      return false;
    }
    openTab = name;
    side.dataset.tab = name;
    side.querySelectorAll('[data-tab-for]').forEach(function (b) {
      var on = b.dataset.tabFor === name;
      b.classList.toggle('active', on);
      b.setAttribute('aria-selected', on ? 'true' : 'false');
    });
    side.querySelectorAll('[data-tab-panel]').forEach(function (p) {
      p.hidden = p.dataset.tabPanel.split(' ').indexOf(name) < 0;
    });
    return true;
  }
  function applyTab() {
    var side = document.querySelector('.actions-side');
    if (side && !showTab(openTab || side.dataset.tab || 'reply')) {
      var first = side.querySelector('[data-tab-for]');
      if (first) { showTab(first.dataset.tabFor); }
    }
  }
  document.addEventListener('DOMContentLoaded', applyTab);
  document.addEventListener('htmx:afterSettle', applyTab);
  document.addEventListener('click', function (e) {
    var tab = e.target.closest && e.target.closest('[data-tab-for]');
    if (tab) {
      showTab(tab.dataset.tabFor);
      var first = document.querySelector('.actions-side [data-tab-panel]:not([hidden]) textarea, '
          + '.actions-side [data-tab-panel]:not([hidden]) input:not([type=hidden]), .actions-side [data-tab-panel]:not([hidden]) select');
      if (first) { first.focus(); }
    }
  });

  // --- keyboard ---------------------------------------------------------------------------------------
  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  function focus(selector) {
    var el = document.querySelector(selector);
    var panel = el && el.closest && el.closest('[data-tab-panel]');
    if (panel) {
      showTab(panel.dataset.tabPanel.split(' ')[0]);
    }
    if (el) {
      el.focus();
      if (el.scrollIntoView) {
        el.scrollIntoView({ block: 'nearest' });
      }
    }
    return !!el;
  }

  function help(show) {
    var overlay = document.getElementById('shortcuts');
    if (overlay) {
      overlay.hidden = show === undefined ? !overlay.hidden : !show;
    }
  }

  // j / k move a selection through any list of rows that link somewhere; Enter opens the selected row.
  var selected = -1;
  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll('table.grid tbody tr[data-href]'));
  }
  function move(step) {
    var all = rows();
    if (!all.length) {
      return;
    }
    selected = Math.max(0, Math.min(all.length - 1, selected + step));
    all.forEach(function (row, i) { row.classList.toggle('selected', i === selected); });
    all[selected].scrollIntoView({ block: 'nearest' });
  }
  document.addEventListener('htmx:afterSwap', function () { selected = -1; });

  var gPressedAt = 0;
  document.addEventListener('keydown', function (e) {
    var active = document.activeElement;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      var form = active && (active.form || (active.closest && active.closest('form')));
      if (form) {
        e.preventDefault();
        form.requestSubmit();
      }
      return;
    }
    if (e.key === 'Escape') {
      help(false);
      if (typing(active)) {
        active.blur();
      }
      return;
    }
    if (typing(active) || e.ctrlKey || e.metaKey || e.altKey) {
      return;
    }
    if (gPressedAt && Date.now() - gPressedAt < 1200 && e.key === 'q') {
      gPressedAt = 0;
      var queue = document.querySelector('.topbar a[accesskey=q]');
      if (queue) {
        e.preventDefault();
        window.location.href = queue.href;
      }
      return;
    }
    gPressedAt = 0;
    var handled = true;
    switch (e.key) {
      case 'r': handled = focus('#reply'); break;
      case 'n': handled = focus('#note'); break;
      case 'a': handled = focus('#assign-person'); break;
      case '/': handled = focus('#q') || focus('#customer-q'); break;
      case 's': handled = focus('#kb-q'); break;
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case '?': help(); break;
      case 'g': gPressedAt = Date.now(); break;
      case 'Enter': {
        var row = rows()[selected];
        if (row) {
          window.location.href = row.dataset.href;
        } else {
          handled = false;
        }
        break;
      }
      default: handled = false;
    }
    if (handled) {
      e.preventDefault();
    }
  });

  document.addEventListener('click', function (e) {
    if (e.target.id === 'keys-hint') {
      help();
    } else if (e.target.id === 'shortcuts') {
      help(false);
    }
  });
})();

// --- repeat-contact report: a bar chart of the rate per team, drawn from the table's data- attributes ---
window.addEventListener('load', function () {
  'use strict';
  var el = document.getElementById('repeat-chart');
  if (!el || !window.echarts) {
    return;
  }
  var chart = window.echarts.init(el);
  chart.setOption({
    title: { text: el.dataset.title, textStyle: { fontSize: 13 } },
    tooltip: {},
    xAxis: { type: 'category', data: el.dataset.labels.split('|') },
    yAxis: { type: 'value', axisLabel: { formatter: '{value} %' } },
    series: [{ type: 'bar', data: el.dataset.values.split('|').map(Number) }]
  });
});
// --- sla: live countdowns. Every <time data-countdown datetime="ISO"> shows the time left (or overdue) and ticks
// each second without a reload; its title keeps the date in the reader's local time.
(function () {
  var zh = (document.documentElement.lang || '').indexOf('zh') === 0;
  // time is counted on the server's clock (the page says what it read), so a countdown agrees with the ages the
  // server printed beside it even when the reader's computer clock is wrong; a difference under a minute is the
  // page's own travel time, not a wrong clock, and is left alone
  var meta = document.querySelector('meta[name=kept-now]');
  var skew = meta && !isNaN(Date.parse(meta.content)) ? Date.parse(meta.content) - Date.now() : 0;
  if (Math.abs(skew) < 60000) { skew = 0; }
  function span(ms) {
    var m = Math.floor(Math.abs(ms) / 60000), d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), r = m % 60;
    if (d > 0) { return d + (zh ? '天' : 'd ') + h + (zh ? '小时' : 'h'); }
    if (h > 0) { return h + (zh ? '小时' : 'h ') + r + (zh ? '分' : 'm'); }
    var s = Math.floor(Math.abs(ms) / 1000) % 60;
    return r + (zh ? '分' : 'm ') + s + (zh ? '秒' : 's');
  }
  function tick() {
    var now = Date.now() + skew;
    document.querySelectorAll('time[data-countdown]').forEach(function (el) {
      var at = Date.parse(el.getAttribute('datetime'));
      if (isNaN(at)) { return; }
      var left = at - now;
      el.textContent = left >= 0 ? (zh ? '剩 ' : 'in ') + span(left) : (zh ? '已超时 ' : 'overdue ') + span(left);
      el.classList.toggle('overdue', left < 0);
      el.classList.toggle('soon', left >= 0 && left < 3600000);
      if (!el.title) { el.title = new Date(at).toLocaleString(); }
    });
  }
  tick();
  setInterval(tick, 1000);
  document.addEventListener('htmx:afterSwap', tick);
})();
