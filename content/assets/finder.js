/* A finder over a plain list: /forces/ lists every force without JavaScript.
 *
 * Progressive enhancement: a container marked `data-register-finder` holds a complete <ul>.
 * This script puts a labelled search box above it; as the reader types, entries that do not
 * hold every word typed are hidden, and a live region says how many are shown. Words match
 * anywhere in an entry's text (its name, its body today, earlier names and bodies), ignoring
 * case, accents and punctuation ("&" reads as "and"). Escape clears the box. `?q=words` in the
 * address fills it in. Nothing is loaded from anywhere; no inline script (the CSP forbids it).
 */
(function () {
  "use strict";

  function normalise(text) {
    return (" " + text + " ")
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/&/g, " and ")
      .replace(/[\u2018\u2019']/g, "")
      .replace(/[^a-z0-9]+/g, " ");
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function enhance(finder) {
    if (finder.hasAttribute("data-enhanced")) return;
    var list = finder.querySelector("ul, ol");
    if (!list) return;
    finder.setAttribute("data-enhanced", "");
    var items = Array.prototype.slice.call(list.children);
    var texts = items.map(function (item) {
      return normalise(item.textContent + " " + (item.getAttribute("data-finder-terms") || ""));
    });
    var one = finder.getAttribute("data-finder-noun") || "entry";
    var many = finder.getAttribute("data-finder-nouns") || one + "s";
    var id = (finder.id || "register-finder") + "-input";

    var form = element("form", { class: "register-finder__form", role: "search", "aria-label": "Find a " + one });
    var label = element("label", { for: id, class: "register-finder__label" }, finder.getAttribute("data-finder-label") || "Find");
    var input = element("input", { type: "search", id: id, class: "register-finder__input", autocomplete: "off", spellcheck: "false", "aria-describedby": id + "-status" });
    var status = element("p", { class: "register-finder__status", id: id + "-status", role: "status", "aria-live": "polite" });
    form.appendChild(label);
    form.appendChild(input);

    function count(n) {
      return n + " " + (n === 1 ? one : many);
    }

    function apply() {
      var words = normalise(input.value).split(" ").filter(Boolean);
      var shown = 0;
      items.forEach(function (item, index) {
        var match = words.every(function (word) {
          return texts[index].indexOf(word) !== -1;
        });
        item.hidden = !match;
        if (match) shown += 1;
      });
      if (!words.length) status.textContent = "Showing all " + count(items.length) + ".";
      else if (shown === 0) status.textContent = "No " + one + " matches “" + input.value.trim() + "” (0 of " + count(items.length) + " shown).";
      else status.textContent = "Showing " + shown + " of " + count(items.length) + ".";
    }

    input.addEventListener("input", apply);
    input.addEventListener("search", apply);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && input.value) {
        event.preventDefault();
        input.value = "";
        apply();
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault(); /* the list is already narrowed; Tab reaches the first entry shown */
      apply();
    });

    var query = new URLSearchParams(window.location.search).get("q");
    if (query) input.value = query;
    apply(); /* before the live region is in the page, so that loading announces nothing */
    finder.insertBefore(status, list);
    finder.insertBefore(form, status);
  }

  function enhanceAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-register-finder]"), enhance);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(enhanceAll); /* Material: every page load, instant navigation included */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
