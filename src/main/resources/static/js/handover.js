// Handover sheet: "select all" ticks every ticket row for the bulk owner form.
(function () {
  var all = document.getElementById('select-all');
  if (!all) {
    return;
  }
  all.addEventListener('change', function () {
    document.querySelectorAll('input[name=itemId][form=bulk-form]').forEach(function (box) {
      box.checked = all.checked;
    });
  });
})();
