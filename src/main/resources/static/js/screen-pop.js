// Screen pop (来电弹屏): listens to the signed-in agent's push stream and shows the ringing caller's card, open tickets,
// open promises and last contacts; an unknown number offers the new-ticket form. Text goes in as textContent, never as
// HTML, so nothing a caller or a PBX sent can run here. EventSource reconnects by itself when the stream ends.
(function () {
  'use strict';
  var box = document.getElementById('screen-pop');
  if (!box || !window.EventSource) {
    return;
  }
  var base = (box.dataset.base || '/').replace(/\/$/, '');

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    if (cls) {
      e.className = cls;
    }
    return e;
  }

  function link(text, href) {
    var a = el('a', text);
    a.href = base + href;
    return a;
  }

  function list(title, items, render) {
    if (!items || items.length === 0) {
      return;
    }
    box.appendChild(el('h3', title));
    var ul = el('ul');
    items.forEach(function (item) {
      var li = el('li');
      render(li, item);
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  function show(pop) {
    box.textContent = '';
    var close = el('button', '×', 'link pop-close');
    close.type = 'button';
    close.setAttribute('aria-label', box.dataset.close);
    close.addEventListener('click', function () { box.hidden = true; });
    box.appendChild(close);
    box.appendChild(el('p', box.dataset.title + (pop.queue ? ' · ' + pop.queue : ''), 'muted'));
    box.dataset.callId = pop.callId;
    if (pop.customer) {
      var h = el('h2');
      h.appendChild(link(pop.customer.name, pop.customer.url));
      box.appendChild(h);
      box.appendChild(el('p', pop.customer.phone + ' · ' + pop.customer.tier, 'pop-phone'));
      list(box.dataset.tickets, pop.tickets, function (li, t) {
        li.appendChild(link(t.number, t.url));
        li.appendChild(document.createTextNode(' ' + t.subject));
      });
      list(box.dataset.promises, pop.promises, function (li, p) {
        li.textContent = p.ticketNumber + ' · ' + p.promise + ' · ' + new Date(p.due).toLocaleString();
      });
      list(box.dataset.contacts, pop.contacts, function (li, c) {
        li.textContent = new Date(c.startedAt).toLocaleString() + ' · ' + c.channel + ' ' + c.direction + ' ' + c.outcome;
      });
    } else {
      box.appendChild(el('h2', box.dataset.unknown));
      box.appendChild(el('p', pop.number, 'pop-phone'));
      var form = link(box.dataset.newTicket, pop.newTicket);
      form.className = 'button pop-new-ticket';
      box.appendChild(form);
    }
    box.hidden = false;
  }

  var source = new EventSource(box.dataset.stream);
  source.addEventListener('hello', function () {
    box.dataset.connected = 'true';
  });
  source.addEventListener('screen-pop', function (e) {
    show(JSON.parse(e.data));
  });
  // routing: an offer refreshes the presence control at once; a shift starting or ending asks the agent to change state
  source.addEventListener('routing-offer', function () {
    document.body.dispatchEvent(new Event('kept-offer'));
  });
  source.addEventListener('routing-shift', function (e) {
    var note = document.getElementById('presence-shift');
    if (note) {
      note.textContent = JSON.parse(e.data).shift === 'start' ? note.dataset.start : note.dataset.end;
      note.hidden = false;
    }
  });
}());
