/* Filters for a list of cards (a recommendation's answers, one card per body), as tables.js gives
 * a table: a list marked `data-register-list` with `data-filters="position progress ..."` gets a
 * select per key whose values differ between its items (`data-<key>` on each item marked
 * `data-register-item`), a box for words, and a live region saying how many items are shown.
 * Without JavaScript the list is complete; nothing is hidden. */
(function () {
  "use strict";

  var LABELS = { position: "Position", progress: "Progress", "body-kind": "Kind of body" };

  function element(name, attributes, text) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) {
      node.setAttribute(key, attributes[key]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function enhance(list, index) {
    if (list.hasAttribute("data-enhanced")) return;
    list.setAttribute("data-enhanced", "");
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-register-item]"));
    if (items.length < 2) return;
    var id = list.id || "register-list-" + (index + 1);
    var noun = list.getAttribute("data-noun") || "items";
    var form = element("form", { class: "register-filters", "aria-label": list.getAttribute("aria-label") || "Filter", id: id + "-filters" });
    var selects = [];
    (list.getAttribute("data-filters") || "").split(/\s+/).filter(Boolean).forEach(function (key) {
      var values = [];
      items.forEach(function (item) {
        var value = item.getAttribute("data-" + key);
        if (value && values.indexOf(value) === -1) values.push(value);
      });
      values.sort();
      if (values.length < 2) return; /* nothing to choose between */
      var field = element("div", { class: "register-filter" });
      var select = element("select", { id: id + "-filter-" + key, "data-key": key });
      select.appendChild(element("option", { value: "" }, "All"));
      values.forEach(function (value) {
        select.appendChild(element("option", { value: value }, value));
      });
      field.appendChild(element("label", { for: select.id }, LABELS[key] || key));
      field.appendChild(select);
      form.appendChild(field);
      selects.push(select);
    });
    var field = element("div", { class: "register-filter" });
    var text = element("input", { type: "search", id: id + "-filter-text", autocomplete: "off" });
    field.appendChild(element("label", { for: text.id }, "Contains the words"));
    field.appendChild(text);
    form.appendChild(field);
    var status = element("p", { class: "register-table-status", role: "status", "aria-live": "polite", id: id + "-status" });

    function apply() {
      var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item) {
        var match = selects.every(function (select) {
          return !select.value || item.getAttribute("data-" + select.getAttribute("data-key")) === select.value;
        });
        if (match && words.length) {
          var content = item.textContent.toLowerCase();
          match = words.every(function (word) {
            return content.indexOf(word) !== -1;
          });
        }
        item.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent =
        shown === items.length ? "Showing all " + items.length + " " + noun + "." : shown === 0 ? "No " + noun + " match these filters." : "Showing " + shown + " of " + items.length + " " + noun + ".";
    }

    form.addEventListener("change", apply);
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    list.parentNode.insertBefore(form, list);
    list.parentNode.insertBefore(status, list);
    apply();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-register-list]"), enhance);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
