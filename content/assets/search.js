/* The header's search box and the full results page (/search/), over Pagefind's chunked static index in pagefind/.
 *
 * Pagefind splits the index into small files by word, so a query downloads only the chunks and
 * result fragments it needs. Everything comes from this site: nothing is fetched from elsewhere.
 * Keyboard: "/" or "s" moves to the box; the down and up arrow keys move through the results;
 * Enter opens one; Escape closes the results and returns to the box. Results are built as DOM
 * nodes from text, and Pagefind's excerpts keep only their text and <mark> highlights.
 *
 * Each result is tagged with its kind (the page's `kind` metadata, set by overrides/main.html from the
 * templates' `search_kind`) and carries the page's short title, shown instead of the full one on
 * narrow screens (assets/search.css). The box lists the best few; its last link opens the results
 * page, which lists every result grouped by kind. That page is content/search.md; it reads ?q=.
 */
(function () {
  "use strict";

  var SHOWN = 8;  // results whose fragments are fetched and listed for each query in the box
  var PER_KIND = 10;  // results listed at first in each group of the results page; a button shows the rest
  var GROUPED = 200;  // results the results page fetches and groups: past that, it says how many more match
  // Pagefind fetches the index for every prefix typed; one letter would fetch the index of every
  // word starting with it (over 100 KB at decade scale) for a query nobody means, so it waits for two.
  var SHORTEST = 2;
  // The kinds of page, in the order the results page groups them, with their labels.
  var KINDS = [
    ["force", "Force", "Forces"],
    ["inspection", "Inspection", "Inspections"],
    ["recommendation", "Recommendation", "Recommendations"],
    ["response", "Response", "Responses"],
    ["page", "Page", "Other pages"]
  ];

  var root = document.querySelector("[data-register-search]");
  if (!root) return;
  var input = root.querySelector(".register-search__input");
  var panel = root.querySelector(".register-search__panel");
  var status = root.querySelector(".register-search__status");
  var list = root.querySelector(".register-search__results");
  var bundle = new URL(root.getAttribute("data-bundle"), document.baseURI);
  var site = new URL("..", bundle);
  var pagefind = null;
  var latest = 0;
  root.hidden = false;

  // The "all results" link below the box's list, built here so that without JavaScript nothing of it shows.
  var all = document.createElement("a");
  all.className = "register-search__all";
  all.hidden = true;
  panel.appendChild(all);

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind.js", bundle).href).then(function (module) {
        // results are addressed from the site's root, wherever the site is served; pageLength
        // below Pagefind's default, so a recommendation's short page does not outrank the longer
        // page of the report whose title it carries; the short title repeats the title, so it
        // is shown but not searched (a response's would outrank its force's own page), and nor is the kind
        return module.options({ baseUrl: site.pathname, ranking: { pageLength: 0.4, metaWeights: { short: 0, kind: 0 } } }).then(function () {
          module.init();
          return module;
        });
      });
    }
    return pagefind;
  }

  function kindOf(data) {
    var kind = data.meta && data.meta.kind;
    for (var i = 0; i < KINDS.length; i++) if (KINDS[i][0] === kind) return KINDS[i];
    return KINDS[KINDS.length - 1];
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

  function span(className, text) {
    var node = document.createElement("span");
    node.className = className;
    node.textContent = text;
    return node;
  }

  // One result: its kind, its title (and short title), and Pagefind's excerpt, as one link.
  function result(data, tagged) {
    var item = document.createElement("li");
    item.className = "register-search__result";
    var link = document.createElement("a");
    link.className = "register-search__link";
    link.href = data.url;
    var title = (data.meta && data.meta.title) || data.url;
    var short = data.meta && data.meta.short;
    if (tagged) link.appendChild(span("register-search__kind", kindOf(data)[1]));
    link.appendChild(span("register-search__title" + (short && short !== title ? " register-search__title--long" : ""), title));
    if (short && short !== title) {
      // one of the two is hidden at any width (assets/search.css), so the link's name is one title
      link.appendChild(span("register-search__title register-search__title--short", short));
    }
    var text = excerpt(data.excerpt || "");
    text.className = "register-search__excerpt";
    link.appendChild(text);
    item.appendChild(link);
    return item;
  }

  function resultsPage(query) {
    return new URL("search/?q=" + encodeURIComponent(query), site).href;
  }

  function open(isOpen) {
    panel.hidden = !isOpen;
  }

  function show(query, results, total) {
    list.textContent = "";
    list.setAttribute("data-query", query);  // which query the list answers (tests wait on it)
    results.forEach(function (data) {
      list.appendChild(result(data, true));
    });
    if (total === 0) status.textContent = "No pages match “" + query + "”.";
    else if (total > results.length) status.textContent = total + " pages match; the best " + results.length + " are shown.";
    else status.textContent = total === 1 ? "1 page matches." : total + " pages match.";
    all.hidden = total === 0;
    all.href = resultsPage(query);
    all.textContent = total > results.length ? "All " + total + " results, by kind" : "These results on a page of their own, by kind";
    open(true);
  }

  function clear(message) {
    list.textContent = "";
    list.removeAttribute("data-query");
    status.textContent = message;
    all.hidden = true;
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      clear("");
      open(false);
      return;
    }
    if (query.length < SHORTEST) {
      clear("Type at least " + SHORTEST + " letters to search.");
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
      clear("Search is not available here. Browse the lists of inspections, forces and responses instead.");
      open(true);
    });
  }

  function links() {
    var found = Array.prototype.slice.call(list.querySelectorAll("a"));
    if (!all.hidden) found.push(all);
    return found;
  }

  input.addEventListener("input", search);
  input.addEventListener("focus", load);  // fetch Pagefind's entry before the first keystroke

  root.addEventListener("keydown", function (event) {
    var found = links();
    var at = found.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!found.length || panel.hidden) return;
      event.preventDefault();
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) input.focus();
      else found[Math.min(next, found.length - 1)].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      open(false);
      input.focus();
    }
  });

  // Enter in the box, with no result chosen, opens the results page
  input.addEventListener("keydown", function (event) {
    var query = input.value.trim();
    if (event.key === "Enter" && query.length >= SHORTEST) {
      event.preventDefault();
      window.location.href = resultsPage(query);
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

  // The results page (content/search.md): every result for ?q=, grouped by kind ------------------

  var page = document.querySelector("[data-register-search-page]");
  if (!page) return;
  var pageStatus = page.querySelector(".register-search-page__status");
  var groups = page.querySelector(".register-search-page__groups");
  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  var field = document.getElementById("register-search-page-input");  // the form above the results
  if (field) field.value = query;
  page.querySelector(".register-search-page__nojs").hidden = true;
  if (!query) {
    pageStatus.textContent = "Type a force, an inspection, a name or a phrase above and press Search.";
    return;
  }
  pageStatus.textContent = "Searching for “" + query + "”…";

  // One group of the results page: its heading with the count, the first few results, and a button for the rest.
  function group(kind, data) {
    var section = document.createElement("section");
    section.className = "register-search-page__group";
    section.setAttribute("data-kind", kind[0]);
    var heading = document.createElement("h2");
    heading.id = "kind-" + kind[0];
    heading.textContent = kind[2] + " (" + data.length + ")";
    section.setAttribute("aria-labelledby", heading.id);
    var items = document.createElement("ol");
    items.className = "register-search__results register-search-page__results";
    section.appendChild(heading);
    section.appendChild(items);
    data.slice(0, PER_KIND).forEach(function (d) { items.appendChild(result(d, false)); });
    if (data.length > PER_KIND) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button register-search-page__more";
      button.textContent = "Show the other " + (data.length - PER_KIND) + " " + kind[2].toLowerCase();
      button.addEventListener("click", function () {
        data.slice(PER_KIND).forEach(function (d) { items.appendChild(result(d, false)); });
        button.remove();
        var link = items.children[PER_KIND] && items.children[PER_KIND].querySelector("a");
        if (link) link.focus();  // keyboard users continue where the new results start
      });
      section.appendChild(button);
    }
    return section;
  }

  load().then(function (module) {
    return module.search(query).then(function (found) {
      var total = found.results.length;
      return Promise.all(found.results.slice(0, GROUPED).map(function (r) { return r.data(); })).then(function (data) {
        groups.textContent = "";
        var counts = [];
        KINDS.forEach(function (kind) {
          var mine = data.filter(function (d) { return kindOf(d) === kind; });
          if (!mine.length) return;
          groups.appendChild(group(kind, mine));
          counts.push(kind[2].toLowerCase() + " (" + mine.length + ")");
        });
        if (total === 0) pageStatus.textContent = "No pages match “" + query + "”.";
        else pageStatus.textContent = (total === 1 ? "1 page matches" : total + " pages match") + " “" + query + "”" +
          (total > GROUPED ? "; the best " + GROUPED + " are grouped here" : "") + ": " + counts.join(", ") + ". Each group is best first.";
        groups.setAttribute("data-query", query);  // which query the page answers (tests wait on it)
      });
    });
  }).catch(function () {
    pageStatus.textContent = "Search is not available here. Browse the lists of inspections, forces and responses instead.";
  });
})();
