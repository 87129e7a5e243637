/* Sorting and filtering for the register's tables.
 *
 * Progressive enhancement: without this script every table is a complete, ordinary HTML
 * table. With it, a table marked `data-register-table` gets:
 *   - a sort button in each column header (the header carries aria-sort);
 *   - a filter <select> for each key in `data-filters`, offering the values found in
 *     `data-<key>` on the table's rows, or, where a row has none, on its cells (several values
 *     are separated by "|"); a row whose cells carry the values matches if any shown cell does;
 *   - a filter <select> for each key in `data-column-filters`, which shows only the columns
 *     whose header carries the value chosen in `data-<key>`;
 *   - a text filter where the table has `data-filter-text`;
 *   - a live region that says how many rows (and columns) are shown.
 * Any register table too wide for the screen also takes the keyboard focus, so that the arrow
 * keys scroll it.
 * A cell's `data-sort` attribute, where present, is what its column sorts by. A filter's label
 * is the table's `data-label-<key>` or the name below. Nothing is loaded from anywhere; the
 * script also works with Material's instant navigation.
 */
(function () {
  "use strict";

  var LABELS = {
    inspectorate: "Inspectorate",
    year: "Year",
    kind: "Kind of inspection",
    "body-kind": "Kind of body",
    timeliness: "Timeliness",
    position: "Position",
    progress: "Progress"
  };
  var counter = 0;

  function split(value) {
    return value ? value.split("|") : [];
  }

  /* A row's values for a key: its own, or those of its shown cells. */
  function valuesOf(row, key, allCells) {
    var name = "data-" + key;
    if (row.hasAttribute(name)) return split(row.getAttribute(name));
    var values = [];
    Array.prototype.forEach.call(row.cells, function (cell) {
      if ((allCells || !cell.hidden) && cell.hasAttribute(name)) values = values.concat(split(cell.getAttribute(name)));
    });
    return values;
  }

  function sortValue(cell) {
    if (!cell) return "";
    var value = cell.getAttribute("data-sort");
    return value !== null ? value : cell.textContent.replace(/\s+/g, " ").trim();
  }

  function compare(a, b) {
    var numeric = /^-?\d+(\.\d+)?$/;
    if (a === b) return 0;
    if (a === "") return 1; /* empty values last, whatever the direction */
    if (b === "") return -1;
    if (numeric.test(a) && numeric.test(b)) return parseFloat(a) - parseFloat(b);
    return a.localeCompare(b, "en", { numeric: true, sensitivity: "base" });
  }

  function textOf(element) {
    return element.textContent.replace(/\s+/g, " ").trim();
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function keysOf(table, attribute) {
    return (table.getAttribute(attribute) || "").split(/\s+/).filter(Boolean);
  }

  function distinct(lists, key) {
    var seen = {};
    lists.forEach(function (values) {
      values.forEach(function (value) {
        seen[value] = true;
      });
    });
    return Object.keys(seen).sort(function (a, b) {
      return key === "year" ? compare(b, a) : compare(a, b); /* newest year first */
    });
  }

  function enhance(table) {
    if (table.hasAttribute("data-enhanced") || !table.tBodies.length || !table.tHead) return;
    table.setAttribute("data-enhanced", "");
    var id = table.id || "register-table-" + ++counter;
    table.id = id;
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.forEach(function (row, index) {
      row.setAttribute("data-order", String(index));
    });
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

    var controls = element("div", { class: "register-table-controls" });
    var caption = table.caption ? textOf(table.caption) : "the table";
    var form = element("form", { class: "register-filters", "aria-label": "Filter: " + caption, id: id + "-filters" });

    function addSelect(key, options) {
      var field = element("div", { class: "register-filter" });
      var select = element("select", { id: id + "-filter-" + key, "data-key": key });
      var label = element("label", { for: select.id }, table.getAttribute("data-label-" + key) || LABELS[key] || key);
      select.appendChild(element("option", { value: "" }, "All"));
      options.forEach(function (value) {
        select.appendChild(element("option", { value: value }, value));
      });
      field.appendChild(label);
      field.appendChild(select);
      form.appendChild(field);
      return select;
    }

    var columnSelects = [];
    keysOf(table, "data-column-filters").forEach(function (key) {
      var options = distinct(
        headers.map(function (th) {
          return split(th.getAttribute("data-" + key));
        }),
        key
      );
      if (options.length > 1) columnSelects.push(addSelect(key, options));
    });
    var selects = [];
    keysOf(table, "data-filters").forEach(function (key) {
      var options = distinct(
        rows.map(function (row) {
          return valuesOf(row, key, true);
        }),
        key
      );
      if (options.length > 1) selects.push(addSelect(key, options)); /* nothing to choose between otherwise */
    });
    var text = null;
    if (table.hasAttribute("data-filter-text")) {
      var field = element("div", { class: "register-filter" });
      text = element("input", { type: "search", id: id + "-filter-text", autocomplete: "off" });
      field.appendChild(element("label", { for: text.id }, "Contains the words"));
      field.appendChild(text);
      form.appendChild(field);
    }
    var status = element("p", { class: "register-table-status", role: "status", "aria-live": "polite", id: id + "-status" });

    function applyColumns() {
      var shown = 0;
      var filtered = 0;
      headers.forEach(function (th, column) {
        var keyed = columnSelects.some(function (select) {
          return th.hasAttribute("data-" + select.getAttribute("data-key"));
        });
        if (!keyed) return;
        filtered += 1;
        var match = columnSelects.every(function (select) {
          return !select.value || split(th.getAttribute("data-" + select.getAttribute("data-key"))).indexOf(select.value) !== -1;
        });
        if (match) shown += 1;
        th.hidden = !match;
        rows.forEach(function (row) {
          if (row.cells[column]) row.cells[column].hidden = !match;
        });
      });
      return filtered ? { shown: shown, total: filtered } : null;
    }

    function apply(prefix) {
      var columns = columnSelects.length ? applyColumns() : null;
      var words = text ? text.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
      var shown = 0;
      rows.forEach(function (row) {
        var match = selects.every(function (select) {
          return !select.value || valuesOf(row, select.getAttribute("data-key"), false).indexOf(select.value) !== -1;
        });
        if (match && words.length) {
          var content = row.textContent.toLowerCase();
          match = words.every(function (word) {
            return content.indexOf(word) !== -1;
          });
        }
        row.hidden = !match;
        if (match) shown += 1;
      });
      var message = shown === rows.length ? "Showing all " + rows.length + " rows" : "Showing " + shown + " of " + rows.length + " rows";
      if (columns && columns.shown !== columns.total) message += ", " + columns.shown + " of " + columns.total + " columns";
      message += ".";
      if (shown === 0) message = "No rows match these filters (0 of " + rows.length + " rows shown).";
      status.textContent = prefix ? prefix + " " + message : message;
    }

    if (selects.length || columnSelects.length || text) {
      form.addEventListener("change", function () {
        apply();
      });
      form.addEventListener("input", function () {
        apply();
      });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        apply();
      });
      form.addEventListener("reset", function () {
        window.setTimeout(function () {
          apply();
        }, 0); /* after the form has put its fields back */
      });
      var actions = element("div", { class: "register-filter register-filter--actions" });
      actions.appendChild(element("button", { type: "reset", class: "register-filter-reset" }, "Clear filters"));
      form.appendChild(actions);
      controls.appendChild(form);
    }
    apply(); /* before the live region is in the page, so that loading announces nothing */
    controls.appendChild(status);
    table.parentNode.insertBefore(controls, table);
    table.setAttribute("aria-describedby", status.id);

    headers.forEach(function (th, column) {
      if (th.hasAttribute("data-nosort")) return;
      var name = textOf(th);
      var button = element("button", { type: "button", class: "register-sort" });
      var icon = element("span", { class: "register-sort__icon", "aria-hidden": "true" }, "↕");
      if (th.querySelector("a, button, input, select")) {
        /* a header holding a link keeps it; the sort button sits beside it */
        button.setAttribute("aria-label", "Sort by " + name);
        button.classList.add("register-sort--icon");
        button.appendChild(icon);
        th.appendChild(button);
      } else {
        while (th.firstChild) button.appendChild(th.firstChild);
        button.appendChild(icon);
        th.appendChild(button);
      }
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) {
          other.removeAttribute("aria-sort");
          var otherIcon = other.querySelector(".register-sort__icon");
          if (otherIcon) otherIcon.textContent = "↕";
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        icon.textContent = ascending ? "▲" : "▼";
        var sorted = rows.slice().sort(function (a, b) {
          var x = sortValue(a.cells[column]);
          var y = sortValue(b.cells[column]);
          var order = x === "" || y === "" ? compare(x, y) : ascending ? compare(x, y) : compare(y, x);
          return order || Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
        });
        sorted.forEach(function (row) {
          tbody.appendChild(row);
        });
        apply("Sorted by " + name + ", " + (ascending ? "ascending" : "descending") + ".");
      });
    });
  }

  /* On a narrow screen a wide table scrolls sideways (see register.css): then it takes the
     keyboard focus, so that it can be scrolled with the arrow keys. A table written in Markdown
     scrolls inside the theme's wrapper, which takes the focus instead. */
  function markScrollable() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset table.register-table, .md-typeset .md-typeset__scrollwrap"), function (table) {
      if (table.scrollWidth > table.clientWidth + 1) table.setAttribute("tabindex", "0");
      else if (table.getAttribute("tabindex") === "0") table.removeAttribute("tabindex");
    });
  }

  var pending = false;
  window.addEventListener("resize", function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      markScrollable();
    });
  });

  function enhanceAll() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-register-table]"), enhance);
    markScrollable();
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(enhanceAll); /* Material: every page load, instant navigation included */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
