/* The header's search box, over Pagefind's chunked static index in pagefind/.
 *
 * Pagefind splits the index into small files by word, so a query downloads only the chunks and
 * result fragments it needs. Everything comes from this site: nothing is fetched from elsewhere.
 * Keyboard: "/" or "s" moves to the box; the down and up arrow keys move through the results;
 * Enter opens one; Escape closes the results and returns to the box. Results are built as DOM
 * nodes from text, and Pagefind's excerpts keep only their text and <mark> highlights.
 */
(function () {
  "use strict";

  var SHOWN = 8;  // results whose fragments are fetched and listed for each query
  // Pagefind fetches the index for every prefix typed; one letter would fetch the index of every
  // word starting with it (over 100 KB at decade scale) for a query nobody means, so it waits for two.
  var SHORTEST = 2;

  var root = document.querySelector("[data-register-search]");
  if (!root) return;
  var input = root.querySelector(".register-search__input");
  var panel = root.querySelector(".register-search__panel");
  var status = root.querySelector(".register-search__status");
  var list = root.querySelector(".register-search__results");
  var bundle = new URL(root.getAttribute("data-bundle"), document.baseURI);
  var pagefind = null;
  var latest = 0;
  root.hidden = false;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind.js", bundle).href).then(function (module) {
        // results are addressed from the site's root, wherever the site is served; pageLength
        // below Pagefind's default, so a recommendation's short page does not outrank the longer
        // page of the report whose title it carries
        return module.options({ baseUrl: new URL("..", bundle).pathname, ranking: { pageLength: 0.4 } }).then(function () {
          module.init();
          return module;
        });
      });
    }
    return pagefind;
  }

  function open(isOpen) {
    panel.hidden = !isOpen;
  }

  function excerpt(html) {
    var out = document.createElement("span");
    var parsed = new DOMParser().parseFromString(html, "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function show(query, results, total) {
    list.textContent = "";
    list.setAttribute("data-query", query);  // which query the list answers (tests wait on it)
    results.forEach(function (data) {
      var item = document.createElement("li");
      item.className = "register-search__result";
      var link = document.createElement("a");
      link.className = "register-search__link";
      link.href = data.url;
      var title = document.createElement("span");
      title.className = "register-search__title";
      title.textContent = (data.meta && data.meta.title) || data.url;
      var text = excerpt(data.excerpt || "");
      text.className = "register-search__excerpt";
      link.appendChild(title);
      link.appendChild(text);
      item.appendChild(link);
      list.appendChild(item);
    });
    if (total === 0) status.textContent = "No pages match “" + query + "”.";
    else if (total > results.length) status.textContent = total + " pages match; the best " + results.length + " are shown.";
    else status.textContent = total === 1 ? "1 page matches." : total + " pages match.";
    open(true);
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      list.textContent = "";
      list.removeAttribute("data-query");
      status.textContent = "";
      open(false);
      return;
    }
    if (query.length < SHORTEST) {
      list.textContent = "";
      list.removeAttribute("data-query");
      status.textContent = "Type at least " + SHORTEST + " letters to search.";
      open(true);
      return;
    }
    load().then(function (module) {
      return module.debouncedSearch(query, {}, 150);
    }).then(function (found) {
      if (found === null || ticket !== latest) return null;  // superseded by a later keystroke
      return Promise.all(found.results.slice(0, SHOWN).map(function (r) { return r.data(); })).then(function (data) {
        if (ticket === latest) show(query, data, found.results.length);
      });
    }).catch(function () {
      if (ticket !== latest) return;
      list.textContent = "";
      status.textContent = "Search is not available here. Browse the lists of inspections, forces and responses instead.";
      open(true);
    });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  input.addEventListener("input", search);
  input.addEventListener("focus", load);  // fetch Pagefind's entry before the first keystroke

  root.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!all.length || panel.hidden) return;
      event.preventDefault();
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) input.focus();
      else all[Math.min(next, all.length - 1)].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      open(false);
      input.focus();
    }
  });

  // leaving the search with Tab or a click elsewhere closes the results
  root.addEventListener("focusout", function (event) {
    if (!root.contains(event.relatedTarget)) open(false);
  });

  // "/" or "s" from anywhere outside a form field goes to the search box (as in Material)
  window.addEventListener("keydown", function (event) {
    if (event.key !== "/" && event.key !== "s" && event.key !== "S") return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var active = document.activeElement;
    if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    input.focus();
    input.select();
  }, true);
})();
