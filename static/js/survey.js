/* Survey form, one question group per screen. Progressive enhancement: without this script
   the form is one long page with a single Send button and works the same. */
(function () {
  "use strict";
  var form = document.querySelector("[data-survey]");
  if (!form) return;
  var screens = Array.prototype.slice.call(form.querySelectorAll("[data-screen]"));
  if (screens.length < 2) return;
  var submitArea = form.querySelector("[data-submit]");
  var progress = form.querySelector("[data-progress]");
  var bar = progress.querySelector("progress");
  var label = progress.querySelector("[data-progress-label]");
  var current = 0;

  function button(text, cls) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn " + cls;
    b.textContent = text;
    return b;
  }
  var nav = document.createElement("div");
  nav.className = "screen-nav";
  var back = button(form.dataset.back, "secondary");
  var next = button(form.dataset.next, "");
  nav.appendChild(back);
  nav.appendChild(next);
  submitArea.parentNode.insertBefore(nav, submitArea);

  function screenValid(i) {
    var inputs = screens[i].querySelectorAll("input[required]");
    for (var k = 0; k < inputs.length; k++) {
      if (!inputs[k].checkValidity()) {
        inputs[k].reportValidity();
        return false;
      }
    }
    return true;
  }
  function show(i, focus) {
    // Never an empty step: Back stops at the first screen and Next at the last.
    i = Math.max(0, Math.min(i, screens.length - 1));
    current = i;
    screens.forEach(function (s, j) { s.hidden = j !== i; });
    var last = i === screens.length - 1;
    submitArea.hidden = !last;
    next.hidden = last;
    back.hidden = i === 0;
    bar.max = screens.length;
    bar.value = i + 1;
    label.textContent = form.dataset.stepFormat.replace("%(n)s", i + 1).replace("%(total)s", screens.length);
    if (focus) {
      var heading = screens[i].querySelector("h2");
      if (heading) heading.focus();
      window.scrollTo(0, 0);
    }
  }
  next.addEventListener("click", function () {
    if (current < screens.length - 1 && screenValid(current)) show(current + 1, true);
  });
  back.addEventListener("click", function () { if (current > 0) show(current - 1, true); });
  form.addEventListener("invalid", function (event) {
    // A required answer on a hidden screen: go there so the browser can point at it.
    for (var i = 0; i < screens.length; i++) {
      if (screens[i].contains(event.target) && i !== current) { show(i, false); break; }
    }
  }, true);
  progress.hidden = false;
  // After a refused send, open the first screen that still has an unanswered question.
  var start = 0;
  if (document.getElementById("form-error")) {
    for (var i = 0; i < screens.length; i++) {
      if (screens[i].querySelector("input[required]:invalid")) { start = i; break; }
    }
  }
  show(start, false);
})();
