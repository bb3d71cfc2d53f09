// The customer's chat window (/chat/widget). Every message gets an id here before it is sent; unanswered ones are
// kept in localStorage and sent again (after a lost answer, a reconnect or a reload) until the server confirms them,
// and the server stores each id once. The stream starts after the last seq this window has; a reload asks for all.
(function () {
  'use strict';
  const root = document.getElementById('chat-widget');
  if (!root) return;
  const base = root.dataset.base;
  const api = base + 'api/v1/chat/';
  const KEY = 'kept-chat-token', PENDING = 'kept-chat-pending';
  const $ = id => document.getElementById(id);
  const messages = $('chat-messages'), status = $('chat-status');
  const seen = new Map();  // seq -> element
  let token = localStorage.getItem(KEY), lastSeq = 0, agentRead = 0, source = null, typingTimer = null, lastTyping = 0;
  let leaving = false;

  function headers() {
    const h = {'Content-Type': 'application/json'};
    if (root.dataset.csrfHeader && root.dataset.csrf) h[root.dataset.csrfHeader] = root.dataset.csrf;
    return h;
  }
  function post(path, body) {
    return fetch(api + path, {method: 'POST', headers: headers(), body: JSON.stringify(body || {}), credentials: 'same-origin'});
  }
  const fmt = KeptChat.fmt, clientId = KeptChat.clientId;
  function pending() { try { return JSON.parse(localStorage.getItem(PENDING) || '[]'); } catch (e) { return []; } }
  function savePending(list) { localStorage.setItem(PENDING, JSON.stringify(list)); }

  function render(m) {
    if (seen.has(m.seq)) return;
    const li = KeptChat.draw(messages, m, {mine: m.sender === 'CUSTOMER', fileHref: api + 'conversations/' + token + '/files/' + m.seq,
      meta: m.sender === 'CUSTOMER' ? root.dataset.you : root.dataset.agent});
    seen.set(m.seq, li);
    lastSeq = Math.max(lastSeq, m.seq);
    savePending(pending().filter(p => p.clientId !== m.clientId));
    markRead();
  }
  function markRead() {
    seen.forEach((li, seq) => li.classList.toggle('read', li.classList.contains('mine') && seq <= agentRead));
    messages.querySelectorAll('li.mine').forEach(li => {
      const meta = li.querySelector('.meta');
      if (meta && li.classList.contains('read') && !meta.dataset.read) { meta.dataset.read = '1'; meta.textContent += ' · ' + root.dataset.read; }
    });
  }
  let readSent = 0;
  function sendRead() {
    if (document.visibilityState === 'visible' && lastSeq > readSent) {
      readSent = lastSeq;
      post('conversations/' + token + '/read', {seq: lastSeq});
    }
  }
  function showState(state, agent) {
    if (state === 'WAITING') status.textContent = root.dataset.waiting;
    else if (state === 'ACTIVE') status.textContent = agent ? fmt(root.dataset.joined, agent) : '';
    else if (state === 'ENDED') { status.textContent = root.dataset.ended; localStorage.removeItem(KEY); }
  }

  const showPending = p => KeptChat.pending(messages, p);
  let flushing = false;
  async function flush() {
    if (flushing || !token) return;
    flushing = true;
    try {
      for (const p of pending()) {
        showPending(p);
        const r = await post('conversations/' + token + '/messages', {clientId: p.clientId, body: p.body});
        if (r.ok) render(await r.json());
        else if (r.status >= 400 && r.status < 500) savePending(pending().filter(x => x.clientId !== p.clientId));
        else throw new Error(r.status);
      }
    } catch (e) {
      status.textContent = root.dataset.retry;
      setTimeout(flush, 2000);
    } finally {
      flushing = false;
    }
  }

  function connect() {
    if (source) source.close();
    source = new EventSource(api + 'conversations/' + token + '/stream?after=' + lastSeq);
    source.addEventListener('chat-message', e => {
      const m = JSON.parse(e.data);
      if (m.fetch) catchUp(); else render(m);
      if (m.sender === 'AGENT') { $('chat-typing').hidden = true; sendRead(); }
    });
    source.addEventListener('chat-typing', () => {
      $('chat-typing').hidden = false;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => { $('chat-typing').hidden = true; }, 4000);
    });
    source.addEventListener('chat-read', e => { agentRead = Math.max(agentRead, JSON.parse(e.data).seq); markRead(); });
    source.addEventListener('chat-state', e => { const s = JSON.parse(e.data); showState(s.state, s.agent); });
    source.addEventListener('hello', () => { root.dataset.connected = 'true'; flush(); });
    // the browser would reconnect with the first URL; reconnect from the last seq instead
    source.onerror = () => { root.dataset.connected = 'false'; source.close(); setTimeout(connect, 1500); };
  }
  async function catchUp() {
    const r = await fetch(api + 'conversations/' + token + '/messages?after=' + lastSeq);
    if (r.ok) (await r.json()).forEach(render);
  }

  async function resume() {
    const r = await fetch(api + 'conversations/' + token);
    if (!r.ok) { localStorage.removeItem(KEY); token = null; return start(); }
    const c = await r.json();
    agentRead = c.agentRead;
    $('chat-room').hidden = false;
    showState(c.state);
    c.messages.forEach(render);
    pending().forEach(showPending);
    if (c.state === 'ENDED') return;
    connect();
    sendRead();
  }

  async function start() {
    const hours = await (await fetch(api + 'hours')).json();
    const form = $('chat-start');
    form.hidden = false;
    if (!hours.open) {
      leaving = true;
      status.textContent = fmt(root.dataset.closed, new Date(hours.backAt).toLocaleString());
      $('chat-leave-intro').hidden = false;
      $('chat-leave-text').hidden = false;
      $('chat-start-button').textContent = $('chat-start-button').dataset.leave;
    }
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const val = id => ($(id) ? $(id).value : '');
      const body = {name: val('chat-name'), phone: val('chat-phone'), email: val('chat-email'), origin: root.dataset.origin};
      if (leaving) body.text = $('chat-leave-text').value;
      const r = await post(leaving ? 'messages' : 'conversations', body);
      const answer = await r.json();
      if (!r.ok) { $('chat-start-error').hidden = false; $('chat-start-error').textContent = answer.detail; return; }
      $('chat-start-error').hidden = true;
      form.hidden = true;
      if (leaving) {
        status.textContent = answer.firstResponseDue ? fmt(root.dataset.left, answer.ticketNumber, new Date(answer.firstResponseDue).toLocaleString())
          : fmt(root.dataset.leftNoDue, answer.ticketNumber);
        return;
      }
      token = answer.token;
      localStorage.setItem(KEY, token);
      savePending([]);
      resume();
    });
  }

  $('chat-form').addEventListener('submit', e => {
    e.preventDefault();
    const input = $('chat-input');
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    const p = {clientId: clientId(), body: text};
    savePending(pending().concat([p]));
    showPending(p);
    flush();
  });
  $('chat-input').addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); $('chat-form').requestSubmit(); return; }
    if (Date.now() - lastTyping > 3000 && token) { lastTyping = Date.now(); post('conversations/' + token + '/typing'); }
  });
  $('chat-file').addEventListener('change', e => {
    const f = e.target.files[0];
    if (!f) return;
    const reader = new FileReader();
    reader.onload = async () => {
      const data = String(reader.result).split(',')[1];
      const r = await post('conversations/' + token + '/files', {clientId: clientId(), name: f.name, data});
      const answer = await r.json();
      if (r.ok) render(answer); else status.textContent = answer.detail;
      e.target.value = '';
    };
    reader.readAsDataURL(f);
  });
  document.addEventListener('visibilitychange', () => token && sendRead());

  if (token) resume(); else start();
})();
