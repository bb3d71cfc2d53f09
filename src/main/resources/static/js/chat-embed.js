// The snippet a centre puts on its own site: <script src="https://kept.example/js/chat-embed.js" async></script>.
// It adds a button that opens Kept's chat window in a panel (an iframe of /chat/widget served by Kept, which the
// centre allows with kept.chat.frame-ancestors); the conversation lives in Kept's own storage, not the site's.
(function () {
  'use strict';
  const script = document.currentScript;
  if (!script) return;
  const origin = new URL(script.src).origin;
  const label = script.dataset.label || (navigator.language.startsWith('zh') ? '在线客服' : 'Chat with us');
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('style', 'position:fixed;right:16px;bottom:16px;z-index:2147483000;padding:10px 16px;border-radius:20px;');
  let frame = null;
  button.addEventListener('click', () => {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.src = origin + '/chat/widget?origin=SNIPPET';
      frame.title = label;
      frame.setAttribute('style', 'position:fixed;right:16px;bottom:64px;width:360px;height:520px;max-width:95vw;'
        + 'max-height:80vh;border:1px solid #ccc;border-radius:8px;background:#fff;z-index:2147483000;');
      document.body.appendChild(frame);
    } else {
      frame.hidden = !frame.hidden;
    }
  });
  document.body.appendChild(button);
})();
