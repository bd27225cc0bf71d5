/* personalize embed loader. Include once on any page:

     <script src="https://ANSWERS.EXAMPLE/embed.js" async></script>
     <div data-personalize="leukopenia-causes" data-profile="patient"></div>

   Every div with data-personalize becomes the rendered answer (fetched, not framed), with a
   profile switch inside it. Iframes of /embed/<id>/frame on the page are sized to their
   content. Inside the frame page itself, the same file tells the parent the page's height.
   No dependencies; one global, window.personalize. */
(function () {
  "use strict";

  var NS = "personalize";
  if (window[NS] && window[NS].load) {   // included twice: look for new divs, nothing more
    window[NS].load();
    return;
  }
  var script = document.currentScript;
  var base = new URL(".", script && script.src ? script.src : window.location.href);
  var MESSAGE = "personalize:height";
  var MAX_HEIGHT = 20000;
  // What the loader itself says, in the languages the fragments come in (data-lang).
  var WORDS = {
    en: { failed: "This answer can’t be shown here. ",
          own: "Read it on the answer’s own page.",
          showing: "Showing the version for %s." },
    es: { failed: "Esta respuesta no se puede mostrar aquí. ",
          own: "Léala en la página de la respuesta.",
          showing: "Se muestra la versión para %s." }
  };

  function words(host) {
    var lang = (host.getAttribute("data-lang") || "en").toLowerCase().split("-")[0];
    return WORDS[lang] || WORDS.en;
  }

  function fragmentUrl(id, profile, lang, stylesheet) {
    var url = new URL("embed/" + encodeURIComponent(id), base);
    if (profile) { url.searchParams.set("profile", profile); }
    if (lang) { url.searchParams.set("lang", lang); }
    if (stylesheet === "false" || stylesheet === "0") { url.searchParams.set("stylesheet", "0"); }
    return url.toString();
  }

  function announce(host, text) {
    var status = host.querySelector(".pz-embed__status");
    if (status) { status.textContent = text; }
  }

  function failed(host, id, status, body, shown) {
    var detail = body && body.error ? body.error.detail : "HTTP " + status;
    host.setAttribute("data-pz-state", "error");
    host.removeAttribute("aria-busy");
    if (shown) {
      host.dispatchEvent(new CustomEvent("personalize:error", {
        bubbles: true, detail: { status: status, error: null }
      }));
      return;
    }
    var p = document.createElement("p");
    p.className = "pz-embed__error";
    p.textContent = words(host).failed;
    var a = document.createElement("a");
    var page = new URL("answers/" + encodeURIComponent(id), base);
    if (host.getAttribute("data-lang")) { page.searchParams.set("lang", host.getAttribute("data-lang")); }
    a.href = page.toString();
    a.textContent = words(host).own;
    p.appendChild(a);
    host.replaceChildren(p);
    host.dispatchEvent(new CustomEvent("personalize:error", {
      bubbles: true, detail: { status: status, error: body && body.error }
    }));
    if (window.console) { window.console.warn("personalize: " + id + ": " + detail); }
  }

  function show(host, profile, focus) {
    var id = host.getAttribute("data-personalize");
    var url = fragmentUrl(id, profile, host.getAttribute("data-lang"),
                          host.getAttribute("data-stylesheet"));
    host.setAttribute("aria-busy", "true");
    return fetch(url, { mode: "cors", credentials: "omit" }).then(function (response) {
      if (!response.ok) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("text/html") === 0) {
          // The site's own notice, in the reader's language, with a link to the answer.
          return response.text().then(function (html) {
            host.innerHTML = html;
            failed(host, id, response.status, null, true);
          });
        }
        return response.json().catch(function () { return null; }).then(function (body) {
          failed(host, id, response.status, body);
        });
      }
      return response.text().then(function (html) {
        host.innerHTML = html;
        host.removeAttribute("aria-busy");
        host.setAttribute("data-pz-state", "ready");
        var shown = host.querySelector(".pz-embed");
        var name = shown ? shown.getAttribute("data-pz-profile") : profile;
        host.setAttribute("data-profile", name);
        if (focus) {
          var current = host.querySelector('a[data-pz-profile="' + name + '"]');
          if (current) {
            current.focus();
            announce(host, words(host).showing.replace("%s", current.textContent));
          }
        }
        host.dispatchEvent(new CustomEvent("personalize:load", {
          bubbles: true, detail: { id: id, profile: name }
        }));
      });
    }).catch(function () { failed(host, id, 0, null); });
  }

  function onSwitch(event) {
    var link = event.target.closest ? event.target.closest("a[data-pz-profile]") : null;
    var host = event.currentTarget;
    if (!link || !host.contains(link) || event.button || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) {
      return;   // a modified click opens the full page, as the link says
    }
    event.preventDefault();
    show(host, link.getAttribute("data-pz-profile"), true);
  }

  function load(root) {
    var hosts = (root || document).querySelectorAll("[data-personalize]:not([data-pz-state])");
    Array.prototype.forEach.call(hosts, function (host) {
      host.setAttribute("data-pz-state", "loading");
      host.addEventListener("click", onSwitch);
      show(host, host.getAttribute("data-profile"), false);
    });
  }

  function resizeFrames(event) {
    var data = event.data;
    if (event.origin !== base.origin || !data || data.type !== MESSAGE) { return; }
    var height = Math.min(Math.max(0, Math.ceil(Number(data.height) || 0)), MAX_HEIGHT);
    Array.prototype.forEach.call(document.getElementsByTagName("iframe"), function (frame) {
      if (frame.contentWindow === event.source && height) {
        frame.style.height = height + "px";
        frame.setAttribute("height", String(height));
      }
    });
  }

  function reportHeight() {
    // The body's own height, not the viewport's: the frame can shrink as well as grow.
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    var shown = document.querySelector(".pz-embed");
    window.parent.postMessage({
      type: MESSAGE, height: height,
      id: shown ? shown.getAttribute("data-pz-answer") : null,
      profile: shown ? shown.getAttribute("data-pz-profile") : null
    }, "*");   // the height is no secret; the parent checks where it came from
  }

  if (document.documentElement.hasAttribute("data-pz-frame")) {
    var start = function () {
      reportHeight();
      if (window.ResizeObserver) { new ResizeObserver(reportHeight).observe(document.body); }
      window.addEventListener("load", reportHeight);
    };
    if (document.body) { start(); } else { document.addEventListener("DOMContentLoaded", start); }
  } else {
    window.addEventListener("message", resizeFrames);
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { load(); });
    } else {
      load();
    }
  }

  window[NS] = { version: "1", base: base.toString(), load: load };
}());
