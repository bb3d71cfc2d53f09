// What the customer's chat window and the agents' console share: message ids made in the browser, and one message
// drawn in its place by seq (replacing the pending copy sent under the same client id).
window.KeptChat = (function () {
  'use strict';
  function clientId() {
    return (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(36).slice(2)).replace(/[^A-Za-z0-9_-]/g, '');
  }
  function fmt(text, ...args) { return args.reduce((t, a, i) => t.replace('{' + i + '}', a), text); }
  // opts: mine (drawn on the right), fileHref (the file's address), meta (the line under the message)
  function draw(list, m, opts) {
    const old = list.querySelector('[data-client-id="' + CSS.escape(m.clientId) + '"]');
    const li = old || document.createElement('li');
    li.className = opts.mine ? 'mine' : 'theirs';
    li.dataset.seq = m.seq;
    li.dataset.clientId = m.clientId;
    li.textContent = '';
    if (m.file) {
      const a = document.createElement('a');
      a.href = opts.fileHref;
      a.textContent = '📎 ' + m.file.name;
      li.appendChild(a);
    } else {
      li.appendChild(document.createTextNode(m.body));
    }
    const meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = opts.meta + ' · ' + new Date(m.sentAt).toLocaleTimeString();
    li.appendChild(meta);
    if (!old) {
      const after = [...list.children].find(x => x.dataset.seq && Number(x.dataset.seq) > m.seq);
      list.insertBefore(li, after || null);
    }
    list.scrollTop = list.scrollHeight;
    return li;
  }
  function pending(list, p) {
    if (list.querySelector('[data-client-id="' + CSS.escape(p.clientId) + '"]')) return;
    const li = document.createElement('li');
    li.className = 'mine pending';
    li.dataset.clientId = p.clientId;
    li.textContent = p.body;
    list.appendChild(li);
  }
  return {clientId, fmt, draw, pending};
})();
