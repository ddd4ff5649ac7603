// Forms marked data-auto-submit apply a choice as soon as it is made; their button stays
// for readers without JavaScript.
(function () {
  "use strict";
  document.querySelectorAll("form[data-auto-submit] select").forEach(function (select) {
    select.addEventListener("change", function () {
      select.form.requestSubmit();
    });
  });
})();
