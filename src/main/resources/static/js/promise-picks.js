// Quick picks for a promise's time: a click puts the proposed time into the promise form's due field.
(function () {
  if (window.keptPromisePicks) {
    return;
  }
  window.keptPromisePicks = true;
  document.addEventListener('click', function (e) {
    var pick = e.target.closest('[data-promise-due]');
    if (!pick) {
      return;
    }
    var field = pick.closest('form').querySelector('input[name=due]');
    field.value = pick.getAttribute('data-promise-due');
    field.dispatchEvent(new Event('change', {bubbles: true}));
    field.focus();
  });
})();
