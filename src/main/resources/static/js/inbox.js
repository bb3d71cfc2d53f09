// The agent's inbox (/console/inbox), driven from the keyboard: j/k move the selection in the list, Enter opens the
// selected conversation, r puts the cursor in the answer, Alt+1…9 opens the nth conversation (as on the chat console),
// Ctrl+Enter sends (Enter alone in a chat; Shift+Enter for a new line), Esc leaves the answer box. A knowledge answer's
// "Insert" puts its text into the answer, g reloads the list. Conversations load through htmx; nothing here builds HTML
// from text.
//
// Push-driven: the agent's push stream (/console/push, relayed between instances) says when the inbox changed: an
// "inbox" event (a customer's message on a ticket, a conversation assigned, one read on another page, a reply window
// that closed), a "chat-message" or a "chat-state". The list with its unread counts reloads at once (one reload for a
// burst), the open conversation's messages too when it is the one named. Nothing polls while the stream is up; while
// it is down (EventSource reconnects by itself) the list is reloaded every data-fallback-seconds, and once more when
// the stream is back, so nothing missed meanwhile stays missing.
//
// Each draft of an answer carries its own Idempotency-Key (the form's idempotencyKey): a double submit or a resent
// request sends one answer; the next draft (the form as it comes back after a send) gets a new key.
(function () {
  'use strict';
  const root = document.getElementById('inbox');
  if (!root) return;
  let selected = -1;
  const items = () => [...document.querySelectorAll('#inbox-list > li')];
  const typing = e => e.target.closest('textarea, input, select');

  function select(i) {
    const list = items();
    if (!list.length) return;
    selected = Math.max(0, Math.min(list.length - 1, i));
    list.forEach((li, n) => li.classList.toggle('selected', n === selected));
    list[selected].focus();
  }
  function openAt(i) {
    const li = items()[i];
    if (li) { selected = i; li.querySelector('a').click(); }
  }
  function reply() {
    const box = document.getElementById('inbox-reply');
    if (box) box.focus();
  }

  // --- push
  const status = document.getElementById('inbox-stream');
  let listTimer = null;
  let fallback = null;
  function reloadList() {
    clearTimeout(listTimer);
    listTimer = setTimeout(() => document.body.dispatchEvent(new Event('kept-inbox')), 80);
  }
  function current() { return root.dataset.open || ''; }
  function reloadMessages() {
    const open = current();
    if (!open || !document.getElementById('inbox-messages')) return;
    htmx.ajax('GET', root.dataset.conversation + '?open=' + encodeURIComponent(open),
      {target: '#inbox-messages', select: '#inbox-messages', swap: 'outerHTML'});
  }
  function reloadConversation() {
    const open = current();
    if (!open) return;
    const box = document.getElementById('inbox-reply');
    const draft = box ? box.value : '';
    htmx.ajax('GET', root.dataset.conversation + '?open=' + encodeURIComponent(open),
      {target: '#inbox-conversation', swap: 'innerHTML'}).then(() => {
        const again = document.getElementById('inbox-reply');
        if (again && draft && !again.value) again.value = draft;
      });
  }
  function names(data, open) {
    if (!open) return false;
    if (data.open) return data.open === open;
    if (data.ticket != null) return open.endsWith(':ticket:' + data.ticket);
    if (data.chat != null) return open === 'CHAT:chat:' + data.chat;
    return false;
  }
  function live(on) {
    if (status) {
      status.dataset.connected = String(on);
      status.textContent = on ? root.dataset.live : root.dataset.offline;
    }
    if (on && fallback) { clearInterval(fallback); fallback = null; }
    if (!on && !fallback) fallback = setInterval(reloadList, 1000 * Number(root.dataset.fallbackSeconds || 60));
  }
  if (window.EventSource && root.dataset.stream) {
    const stream = new EventSource(root.dataset.stream);
    stream.addEventListener('hello', () => { const was = fallback != null; live(true); if (was) { reloadList(); reloadMessages(); } });
    stream.addEventListener('error', () => live(false));
    stream.addEventListener('inbox', e => {
      const d = JSON.parse(e.data);
      reloadList();
      if (!names(d, current())) return;
      if (d.why === 'MESSAGE') reloadMessages();
      else if (d.why === 'WINDOW' || d.why === 'ASSIGNED') reloadConversation();
    });
    stream.addEventListener('chat-message', e => {
      const d = JSON.parse(e.data);
      reloadList();
      if (names(d, current())) reloadMessages();
    });
    stream.addEventListener('chat-state', e => {
      const d = JSON.parse(e.data);
      reloadList();
      if (names(d, current())) reloadConversation();
    });
  } else {
    live(false);
  }

  function draftKey() {
    const key = document.getElementById('inbox-key');
    if (key && !key.value) {
      key.value = window.crypto && crypto.randomUUID ? crypto.randomUUID()
        : Date.now().toString(36) + '-' + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
    }
  }
  draftKey();

  document.addEventListener('keydown', e => {
    if (e.altKey && /^[1-9]$/.test(e.key)) { e.preventDefault(); openAt(Number(e.key) - 1); return; }
    if (e.target.id === 'inbox-reply') {
      const thread = document.getElementById('inbox-thread');
      const chat = thread && thread.dataset.channel === 'CHAT';
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || (chat && !e.shiftKey))) {
        e.preventDefault();
        document.getElementById('inbox-form').requestSubmit();
      } else if (e.key === 'Escape') {
        e.target.blur();
      }
      return;
    }
    if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'j') { e.preventDefault(); select(selected + 1); }
    else if (e.key === 'k') { e.preventDefault(); select(selected - 1); }
    else if (e.key === 'Enter' && selected >= 0) { e.preventDefault(); openAt(selected); }
    else if (e.key === 'r') { e.preventDefault(); reply(); }
    else if (e.key === 'g') { e.preventDefault(); reloadList(); }
  });

  document.addEventListener('click', e => {
    const insert = e.target.closest('.inbox-insert');
    if (!insert) return;
    const box = document.getElementById('inbox-reply');
    if (box) { box.value = box.value ? box.value + '\n' + insert.dataset.text : insert.dataset.text; box.focus(); }
  });

  // after a conversation loads: the list marks it open (and read), the messages show their end
  document.body.addEventListener('htmx:afterSwap', e => {
    if (e.target.id === 'inbox-conversation') {
      const thread = document.getElementById('inbox-thread');
      if (thread) {
        root.dataset.open = thread.dataset.open;
        items().forEach((li, n) => { const on = li.dataset.open === thread.dataset.open; li.classList.toggle('active', on);
          if (on) { selected = n; const u = li.querySelector('.unread'); if (u) u.remove(); } });
        const box = document.getElementById('inbox-list-box');
        box.setAttribute('hx-get', box.getAttribute('hx-get').replace(/\?.*$/, '') + '?open=' + encodeURIComponent(thread.dataset.open));
        htmx.process(box);
      }
      draftKey();
      const m = document.getElementById('inbox-messages');
      if (m) m.scrollTop = m.scrollHeight;
    } else if (e.target.id === 'inbox-messages' || (e.detail && e.detail.target && e.detail.target.id === 'inbox-messages')) {
      const m = document.getElementById('inbox-messages');
      if (m) m.scrollTop = m.scrollHeight;
    } else if (e.target.id === 'inbox-list-box' && selected >= 0) {
      const list = items();
      if (list[selected]) list[selected].classList.add('selected');
    }
  });
})();
