/* The reporter's receipt: copy it, or save it as a text file, without sending it anywhere. */
(function () {
  "use strict";
  var box = document.querySelector("[data-receipt]");
  if (!box) return;
  function text() {
    return box.querySelectorAll("dt").length ? Array.prototype.map.call(box.querySelectorAll("dt"), function (dt) {
      return dt.textContent.trim() + ": " + dt.nextElementSibling.textContent.trim();
    }).join("\n") + "\n" : "";
  }
  var copy = box.querySelector("[data-receipt-copy]");
  if (copy && navigator.clipboard) {
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(text()).then(function () { copy.textContent = copy.dataset.copied; });
    });
  } else if (copy) {
    copy.hidden = true;
  }
  var save = box.querySelector("[data-receipt-download]");
  if (save) {
    save.addEventListener("click", function () {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text()], { type: "text/plain;charset=utf-8" }));
      link.download = save.dataset.filename;
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  }
})();
