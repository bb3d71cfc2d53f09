// The agent's inbox (/console/inbox), driven from the keyboard: j/k move the selection in the list, Enter opens the
// selected conversation, r puts the cursor in the answer, Alt+1…9 opens the nth conversation (as on the chat console),
// Ctrl+Enter sends (Enter alone in a chat; Shift+Enter for a new line), Esc leaves the answer box. A knowledge answer's
// "Insert" puts its text into the answer. Conversations load through htmx; nothing here builds HTML from text.
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
      const m = document.getElementById('inbox-messages');
      if (m) m.scrollTop = m.scrollHeight;
    } else if (e.target.id === 'inbox-list-box' && selected >= 0) {
      const list = items();
      if (list[selected]) list[selected].classList.add('selected');
    }
  });
})();
