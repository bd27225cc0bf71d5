/* personalize editors' desk: update the preview as the editor types (debounced, through
   POST /desk/preview, which renders without saving) and take "line N" links to that line
   of the source box. Without this file the Preview button does the same with a reload. */
(function () {
  "use strict";

  var WAIT_MS = 600;  // after the last key press
  var form = document.getElementById("desk-form");
  var box = document.getElementById("source");
  var status = document.getElementById("desk-status");
  if (!form || !box) { return; }
  var timer = 0;
  var asked = 0;

  function refresh() {
    var ticket = ++asked;
    var body = new FormData(form);
    body.delete("action");
    fetch(form.dataset.preview, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.text();
    }).then(function (html) {
      if (ticket !== asked) { return; }  // a newer preview is on its way
      var pane = document.getElementById("desk-preview");
      pane.outerHTML = html;
      pane = document.getElementById("desk-preview");
      form.dataset.previewed = String(ticket);
      status.textContent = form.dataset.updated + " " + pane.dataset.summary;
    }).catch(function () {
      if (ticket === asked) { status.textContent = form.dataset.failed; }
    });
  }

  box.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, WAIT_MS);
  });

  function selectLine(number) {
    var lines = box.value.split("\n");
    var start = 0;
    for (var i = 0; i < number - 1 && i < lines.length; i++) { start += lines[i].length + 1; }
    var end = start + (lines[number - 1] || "").length;
    box.focus();
    box.setSelectionRange(start, end);
    var height = parseFloat(window.getComputedStyle(box).lineHeight) || 20;
    box.scrollTop = Math.max(0, (number - 3) * height);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-line]") : null;
    if (!link) { return; }
    event.preventDefault();
    selectLine(parseInt(link.dataset.line, 10));
  });
}());
