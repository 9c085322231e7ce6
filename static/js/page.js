/* Small behaviours of every page, kept out of the HTML so the Content-Security-Policy can
   forbid inline script: [data-print] buttons print the page, [data-autosubmit] fields send
   their form when changed. Delegated from the document, so content htmx swaps in works too. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-autosubmit]");
    if (field && field.form) {
      if (field.form.requestSubmit) field.form.requestSubmit();
      else field.form.submit();
    }
  });
})();
