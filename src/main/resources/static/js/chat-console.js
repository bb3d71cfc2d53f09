// The agents' chat console (/console/chats): waiting chats and the agent's own, one active conversation, the
// customer card and knowledge. Keyboard: Alt+1…9 switches to the nth of my chats, Alt+A accepts the oldest waiting
// chat, Enter sends (Shift+Enter for a new line). Messages arrive through the console's push stream; each chat keeps
// its last seq and asks for what came after it when it is opened again or the stream reconnects.
(function () {
  'use strict';
  const root = document.getElementById('chat-console');
  if (!root) return;
  const base = root.dataset.base + 'console/chats/';
  const $ = id => document.getElementById(id);
  const chats = new Map();   // id -> {header, messages: Map(seq -> m), lastSeq, unread, customerRead}
  let mine = [], waiting = [], active = null, typingTimer = null, lastTyping = 0;

  function headers() {
    return {'Content-Type': 'application/json', [root.dataset.csrfHeader]: root.dataset.csrf};
  }
  const post = (path, body) => fetch(base + path, {method: 'POST', headers: headers(), body: JSON.stringify(body || {})});
  const getJson = async path => { const r = await fetch(base + path); return r.ok ? r.json() : null; };
  const clientId = KeptChat.clientId;

  function chat(id) {
    if (!chats.has(id)) chats.set(id, {messages: new Map(), lastSeq: 0, unread: 0, customerRead: 0, pending: []});
    return chats.get(id);
  }
  function label(h) { return h.name + (h.phone ? ' ' + h.phone : h.email ? ' ' + h.email : ''); }

  async function refreshLists() {
    const [w, m] = await Promise.all([getJson('waiting'), getJson('mine')]);
    if (w) waiting = w;
    if (m) {
      mine = m;
      mine.forEach(h => { const c = chat(h.id); c.header = h; c.customerRead = Math.max(c.customerRead, h.customerRead);
        if (h.lastSeq > c.lastSeq && active !== h.id) c.unread = h.lastSeq - Math.max(c.lastSeq, h.agentRead); });
    }
    drawLists();
  }
  function drawLists() {
    const wl = $('chat-waiting');
    wl.textContent = '';
    waiting.forEach(h => {
      const li = document.createElement('li');
      li.dataset.chat = h.id;
      li.textContent = label(h);
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'chat-accept';
      b.textContent = root.dataset.accept;
      b.addEventListener('click', () => accept(h.id));
      li.appendChild(b);
      wl.appendChild(li);
    });
    const ml = $('chat-mine');
    ml.textContent = '';
    mine.forEach((h, i) => {
      const li = document.createElement('li');
      li.dataset.chat = h.id;
      li.className = h.id === active ? 'active' : '';
      li.textContent = (i < 9 ? (i + 1) + '. ' : '') + label(h);
      const unread = chat(h.id).unread;
      if (unread > 0) { const s = document.createElement('span'); s.className = 'unread'; s.textContent = unread; li.appendChild(s); }
      li.addEventListener('click', () => open(h.id));
      ml.appendChild(li);
    });
  }

  async function accept(id, ticketId) {
    const r = await post(id + '/accept', ticketId ? {ticketId} : {});
    await refreshLists();
    if (r.ok) open(id);
  }

  async function open(id) {
    active = id;
    const c = chat(id);
    c.unread = 0;
    $('chat-none').hidden = true;
    $('chat-pane').hidden = false;
    $('chat-messages').textContent = '';
    c.messages.forEach(m => draw(id, m));
    await catchUp(id);
    const h = c.header || mine.find(x => x.id === id);
    $('chat-title').textContent = h ? h.name : '';
    $('chat-address').textContent = h ? (h.phone || h.email || '') : '';
    drawLists();
    card(id);
    $('chat-input').focus();
  }
  async function catchUp(id) {
    const c = chat(id);
    const list = await getJson(id + '/messages?after=' + c.lastSeq);
    if (list) list.forEach(m => add(id, m));
  }
  function add(id, m) {
    const c = chat(id);
    if (c.messages.has(m.seq)) return;
    c.messages.set(m.seq, m);
    c.lastSeq = Math.max(c.lastSeq, m.seq);
    if (id === active) { draw(id, m); read(id); }
    else if (m.sender === 'CUSTOMER') { c.unread++; drawLists(); }
  }
  function draw(id, m) {
    KeptChat.draw($('chat-messages'), m, {mine: m.sender === 'AGENT', fileHref: base + id + '/files/' + m.seq,
      meta: (m.sender === 'AGENT' ? root.dataset.you : root.dataset.customer)
        + (m.sender === 'AGENT' && m.seq <= chat(id).customerRead ? ' · ' + root.dataset.read : '')});
  }
  let readSent = new Map();
  function read(id) {
    const c = chat(id);
    if (document.visibilityState === 'visible' && c.lastSeq > (readSent.get(id) || 0)) {
      readSent.set(id, c.lastSeq);
      post(id + '/read', {seq: c.lastSeq});
    }
  }

  async function card(id) {
    const c = await getJson(id + '/card');
    if (!c || id !== active) return;
    const who = $('chat-customer');
    who.textContent = '';
    [c.name, ...c.phones, ...c.emails].forEach(t => { const p = document.createElement('p'); p.textContent = t; who.appendChild(p); });
    const tickets = $('chat-tickets');
    tickets.textContent = '';
    c.openTickets.forEach(t => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = root.dataset.base + 'console/tickets/' + t.id;
      a.textContent = t.number + ' ' + t.subject + (t.id === c.ticketId ? ' ✓' : '');
      li.appendChild(a);
      tickets.appendChild(li);
    });
    const scripts = $('chat-scripts');
    scripts.textContent = '';
    c.scripts.forEach(s => scripts.appendChild(insertable(s.name, s.body)));
  }
  function insertable(title, text) {
    const li = document.createElement('li');
    li.appendChild(document.createTextNode(title + ' '));
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'link chat-insert';
    b.textContent = root.dataset.insert;
    b.addEventListener('click', () => {
      const input = $('chat-input');
      input.value = input.value ? input.value + '\n' + text : text;
      input.focus();
    });
    li.appendChild(b);
    return li;
  }

  async function send(text) {
    const id = active;
    const c = chat(id);
    const p = {clientId: clientId(), body: text};
    c.pending.push(p);
    KeptChat.pending($('chat-messages'), p);
    await flush(id);
  }
  async function flush(id) {
    const c = chat(id);
    while (c.pending.length) {
      const p = c.pending[0];
      let r;
      try { r = await post(id + '/messages', p); } catch (e) { r = null; }
      if (r && r.ok) { c.pending.shift(); add(id, await r.json()); }
      else if (r && r.status < 500) { c.pending.shift(); }
      else { setTimeout(() => flush(id), 2000); return; }
    }
  }

  $('chat-form').addEventListener('submit', e => {
    e.preventDefault();
    const input = $('chat-input');
    const text = input.value.trim();
    if (!text || active == null) return;
    input.value = '';
    send(text);
  });
  $('chat-input').addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey) { e.preventDefault(); $('chat-form').requestSubmit(); return; }
    if (active != null && Date.now() - lastTyping > 3000) { lastTyping = Date.now(); post(active + '/typing'); }
  });
  $('chat-end').addEventListener('click', async () => {
    if (active == null) return;
    await post(active + '/end');
    active = null;
    $('chat-pane').hidden = true;
    $('chat-none').hidden = false;
    refreshLists();
  });
  $('chat-search').addEventListener('submit', async e => {
    e.preventDefault();
    const q = $('chat-q').value.trim();
    if (!q) return;
    const list = await getJson('answers?q=' + encodeURIComponent(q));
    const ul = $('chat-answers');
    ul.textContent = '';
    (list || []).forEach(a => ul.appendChild(insertable(a.title, a.text)));
  });
  document.addEventListener('keydown', e => {
    if (!e.altKey) return;
    if (/^[1-9]$/.test(e.key)) {
      const h = mine[Number(e.key) - 1];
      if (h) { e.preventDefault(); open(h.id); }
    } else if (e.key === 'a' || e.key === 'A') {
      if (waiting.length) { e.preventDefault(); accept(waiting[0].id); }
    }
  });
  document.addEventListener('visibilitychange', () => active != null && read(active));

  const stream = new EventSource(root.dataset.base + 'console/push');
  stream.addEventListener('hello', () => {
    root.dataset.connected = 'true';
    refreshLists();
    if (active != null) catchUp(active);
  });
  stream.addEventListener('chat-message', e => {
    const m = JSON.parse(e.data);
    if (m.fetch) catchUp(m.chat); else add(m.chat, m);
    if (m.sender === 'CUSTOMER' && m.chat === active) $('chat-typing').hidden = true;
  });
  stream.addEventListener('chat-typing', e => {
    if (JSON.parse(e.data).chat !== active) return;
    $('chat-typing').hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => { $('chat-typing').hidden = true; }, 4000);
  });
  stream.addEventListener('chat-read', e => {
    const r = JSON.parse(e.data);
    const c = chat(r.chat);
    c.customerRead = Math.max(c.customerRead, r.seq);
    if (r.chat === active) c.messages.forEach(m => m.sender === 'AGENT' && draw(r.chat, m));
  });
  stream.addEventListener('chat-state', () => refreshLists());
  setInterval(refreshLists, 5000);
  refreshLists();
})();
