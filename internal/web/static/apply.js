// Progressive enhancement for the application pages; everything works without it.
// - Character counts under screening answers follow what is typed.
// - The submit button is disabled once pressed, so a double click sends one request
//   (the server is idempotent anyway).
(function () {
  "use strict";
  var fr = document.documentElement.lang === "fr";
  function fmt(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, fr ? "\u00a0" : ",");
  }
  function count(s) {
    s = s.replace(/\r\n?/g, "\n").trim();
    return Array.from(s).length;
  }
  document.querySelectorAll("textarea.counted").forEach(function (ta) {
    var out = document.getElementById(ta.getAttribute("data-count"));
    var max = parseInt(ta.getAttribute("data-max"), 10);
    if (!out || !max) return;
    var update = function () {
      var n = count(ta.value);
      var text = fr ? fmt(n) + " sur " + fmt(max) + " caractères" : fmt(n) + " of " + fmt(max) + " characters";
      if (n > max) {
        text += fr ? " : " + fmt(n - max) + " de trop" : ": " + fmt(n - max) + " too many";
      }
      out.textContent = text;
    };
    ta.addEventListener("input", update);
  });
  document.querySelectorAll("button[data-once]").forEach(function (b) {
    var form = b.form;
    if (!form) return;
    form.addEventListener("submit", function () {
      window.setTimeout(function () {
        b.disabled = true;
        b.textContent = b.getAttribute("data-once");
      }, 0);
    });
  });
})();

// Autosave: forms marked data-autosave are saved in the background a few
// seconds after the applicant stops typing (the server answers 204). The
// Save buttons stay the way to save; this only narrows what a lost tab loses.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  var status = document.getElementById("autosave-status");
  if (!form || !window.fetch || !window.FormData) return;
  var timer = null, dirty = false;
  function save() {
    timer = null;
    if (!dirty) return;
    dirty = false;
    var data = new FormData(form);
    data.delete("use");
    data.set("action", "autosave");
    fetch(form.action, {method: "POST", body: new URLSearchParams(data), credentials: "same-origin"})
      .then(function (res) {
        // The next save is from this version on; a 409 means another tab
        // saved first: the page's own Save then shows the conflict.
        var v = res.headers.get("X-Pathways-Version");
        if (res.status === 204 && v && form.elements.version) form.elements.version.value = v;
        report(res.status === 204);
      })
      .catch(function () { report(false); });
  }
  function report(ok) {
    if (!status) return;
    status.hidden = false;
    status.textContent = status.getAttribute(ok ? "data-saved" : "data-failed");
  }
  function changed() {
    dirty = true;
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(save, 3000);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () {
    dirty = false;
    if (timer) window.clearTimeout(timer);
  });
})();
