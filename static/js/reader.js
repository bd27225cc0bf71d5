/* personalize reader pages: swap the rendition in place when the reader picks a profile,
   and let Escape hide a definition. Without this file everything still works: the selector
   is a plain form that POSTs to /profile and comes back with a 303. */
(function () {
  "use strict";

  var REGION = "pz-rendition-region";
  var form = document.getElementById("pz-selector");
  var status = document.getElementById("pz-selector-status");
  var pending = 0;
  var saved = Promise.resolve();   // choices are saved one after another, in order

  function withProfile(name) {
    var url = new URL(window.location.href);
    url.searchParams.set("profile", name);
    url.hash = "";
    return url;
  }

  function labelFor(name) {
    var label = document.querySelector('label[for="profile-' + name + '"]');
    return label ? label.textContent.trim() : name;
  }

  function swap(name) {
    var ticket = ++pending;
    var url = withProfile(name);
    var body = new FormData(form);
    saved = saved.catch(function () {}).then(function () {
      return fetch(form.action, {
        method: "POST",
        body: body,
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      });
    });
    var save = saved;
    var page = fetch(url.toString(), {
      headers: { "Accept": "text/html" },
      credentials: "same-origin"
    });
    form.setAttribute("aria-busy", "true");
    Promise.all([save, page]).then(function (responses) {
      if (!responses[0].ok || !responses[1].ok) { throw new Error("request failed"); }
      return responses[1].text();
    }).then(function (html) {
      if (ticket !== pending) { return; }   // a later choice overtook this one
      var doc = new DOMParser().parseFromString(html, "text/html");
      var fresh = doc.getElementById(REGION);
      var old = document.getElementById(REGION);
      if (!fresh || !old) { throw new Error("no rendition in response"); }
      old.replaceWith(document.importNode(fresh, true));
      history.replaceState(null, "", url.pathname + url.search);
      form.removeAttribute("aria-busy");
      // The language switcher goes back to this version, not to the one first loaded.
      var back = document.querySelector('.lang-switch input[name="next"]');
      if (back) { back.value = url.pathname + url.search; }
      var summary = document.querySelector(".selector__summary-text");
      if (summary) {
        summary.textContent = (summary.getAttribute("data-pz-version") || "%s")
          .replace("%s", labelFor(name));
      }
      // The sentence comes from the page, in the reader's language, with %s for the label.
      var said = status.getAttribute("data-pz-showing") || "Showing the version for: %s.";
      status.textContent = said.replace("%s", labelFor(name));
    }).catch(function () {
      if (ticket === pending) { form.submit(); }   // fall back to the plain form
    });
  }

  if (form && status && window.fetch && window.DOMParser && window.URL) {
    document.documentElement.classList.add("pz-js");
    form.addEventListener("change", function (event) {
      if (event.target.name === "profile") { swap(event.target.value); }
    });
    form.addEventListener("submit", function (event) {
      var checked = form.querySelector('input[name="profile"]:checked');
      if (checked) { event.preventDefault(); swap(checked.value); }
    });
  }

  /* WCAG 1.4.13: a definition shown on hover or focus can be dismissed without moving. */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var shown = document.querySelectorAll(".pz-term:hover, .pz-term:focus-within");
    shown.forEach(function (term) { term.classList.add("is-dismissed"); });
  });
  document.addEventListener("focusout", function (event) {
    var term = event.target.closest && event.target.closest(".pz-term");
    if (term) { term.classList.remove("is-dismissed"); }
  });
  document.addEventListener("mouseleave", function (event) {
    if (event.target.classList && event.target.classList.contains("pz-term")) {
      event.target.classList.remove("is-dismissed");
    }
  }, true);
}());
