/* On a phone the tab rows scroll sideways (app.css): bring the current tab into view. */
(function () {
  "use strict";
  var rows = document.querySelectorAll(".tabs");
  for (var i = 0; i < rows.length; i++) {
    var current = rows[i].querySelector("[aria-current=page]");
    if (current && rows[i].scrollWidth > rows[i].clientWidth) {
      rows[i].scrollLeft = current.offsetLeft - rows[i].offsetLeft - 24;
    }
  }
})();
