/* Proof of work for open survey links: find a counter whose SHA-256 of "<challenge>:<counter>"
   starts with the required number of zero bits. Runs in the background while the person
   answers. The server signed the challenge and checks the answer (surveys/guard.py). */
(function () {
  "use strict";
  var form = document.querySelector("[data-pow-challenge]");
  if (!form) return;
  var challenge = form.dataset.powChallenge;
  var bits = parseInt(form.dataset.powBits, 10);
  var out = form.querySelector("[data-pow-solution]");
  var status = form.querySelector("[data-pow-status]");
  var solved = false;
  var waiting = false;
  var BATCH = 256;

  function zeroBits(buffer) {
    var bytes = new Uint8Array(buffer);
    var n = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { n += 8; continue; }
      return n + Math.clz32(bytes[i]) - 24;
    }
    return n;
  }

  async function solve() {
    if (!(window.crypto && window.crypto.subtle && window.TextEncoder)) {
      status.textContent = form.dataset.powUnsupported;
      return;
    }
    var encoder = new TextEncoder();
    for (var counter = 0; ; counter += BATCH) {
      var jobs = [];
      for (var k = 0; k < BATCH; k++) {
        jobs.push(crypto.subtle.digest("SHA-256", encoder.encode(challenge + ":" + (counter + k))));
      }
      var hashes = await Promise.all(jobs);
      for (var j = 0; j < hashes.length; j++) {
        if (zeroBits(hashes[j]) >= bits) {
          out.value = String(counter + j);
          solved = true;
          status.textContent = form.dataset.powReady;
          if (waiting) {
            if (form.requestSubmit) form.requestSubmit(); else form.submit();
          }
          return;
        }
      }
    }
  }

  form.addEventListener("submit", function (event) {
    var code = form.querySelector("input[name=access_code]");
    if (solved || (code && code.value.trim())) return;
    event.preventDefault();
    waiting = true;
    status.textContent = form.dataset.powWaiting;
  });
  solve();
})();
