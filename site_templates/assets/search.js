// handover: the site search. It asks Pagefind's index (pagefind/, written after the
// pages are built) through Pagefind's own JS API, which fetches only the pieces of the
// index a query needs, and shows the results in the header's panel: the page, its kind,
// the matching words marked, and the sections of the page that match.
// Everything comes from this site, under whatever sub-path it is served from. No inline
// script or style: a Content-Security-Policy with script-src 'self' 'wasm-unsafe-eval'
// and connect-src 'self' is enough.
(function () {
  "use strict";
  var box = document.querySelector("[data-ho-search]");
  var script = document.currentScript;
  if (!box || !script) return;

  var root = new URL("../", script.src); // this file is assets/search.js
  var input = box.querySelector(".ho-search__input");
  var panel = box.querySelector(".ho-search__panel");
  var filtersBox = box.querySelector(".ho-search__filters");
  var statusLine = box.querySelector(".ho-search__status");
  var list = box.querySelector(".ho-search__results");
  var more = box.querySelector(".ho-search__more");
  var GROUPS = [["kind", "Kind"], ["team", "Team"], ["year", "Year"], ["client", "Client"], ["tag", "Tag"]];
  var KINDS = ["session", "action", "playbook", "person", "definition"];
  var PAGE = 8; // results shown at once
  var DEBOUNCE = 40; // ms: a fast typist's keys are closer than this

  var loading = null;
  var chosen = {}; // filter name -> list of chosen values
  var shown = 0;
  var current = null; // the latest search's results
  var asked = 0; // counts searches, so that a late answer to an older one is dropped

  function load() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: root.pathname, excerptLength: 24 }).then(function () {
          return pagefind.init();
        }).then(function () { return pagefind; });
      });
      loading.then(null, function () { say("The search index could not be loaded."); });
    }
    return loading;
  }

  function say(text) { statusLine.textContent = text; }

  function open() {
    panel.hidden = false;
  }

  function close() {
    panel.hidden = true;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Pagefind's excerpts are text with the matching words in <mark>: keep exactly that,
  // never markup from the page (parsed inertly, rebuilt as text nodes and marks).
  function excerpt(html, className) {
    var out = el("span", className);
    var parsed = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    parsed.body.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") out.appendChild(el("mark", "", node.textContent));
      else out.appendChild(document.createTextNode(node.textContent));
    });
    return out;
  }

  function clean(title) { return (title || "").replace(/\s*¶\s*$/, ""); }

  function filterValues(name, counts) {
    var values = Object.keys(counts || {});
    if (name === "kind") return KINDS.filter(function (k) { return values.indexOf(k) >= 0; });
    if (name === "year") return values.sort().reverse();
    return values.sort(function (a, b) { return a.localeCompare(b); });
  }

  function isChosen(name, value) { return (chosen[name] || []).indexOf(value) >= 0; }

  function drawFilters(totals, counts) {
    filtersBox.textContent = "";
    GROUPS.forEach(function (group) {
      var name = group[0];
      var values = filterValues(name, totals[name]);
      if (!values.length) return;
      var row = el("div", "ho-search__group");
      row.setAttribute("role", "group");
      row.setAttribute("aria-label", group[1]);
      row.appendChild(el("span", "ho-search__group-name", group[1]));
      values.forEach(function (value) {
        var count = counts && counts[name] ? counts[name][value] || 0 : totals[name][value];
        if (!count && !isChosen(name, value)) return; // nothing there for this query
        var chip = el("button", "ho-search__chip", value);
        chip.type = "button";
        chip.dataset.filter = name;
        chip.dataset.value = value;
        chip.setAttribute("aria-pressed", isChosen(name, value) ? "true" : "false");
        chip.appendChild(el("span", "ho-search__count", String(count)));
        row.appendChild(chip);
      });
      if (row.childNodes.length > 1) filtersBox.appendChild(row);
    });
  }

  function pagefindFilters() {
    var out = {};
    Object.keys(chosen).forEach(function (name) {
      if (chosen[name].length) out[name] = { any: chosen[name].slice() };
    });
    return out;
  }

  function anyChosen() { return Object.keys(pagefindFilters()).length > 0; }

  function kindLabel(data) {
    var f = data.filters || {};
    var parts = [];
    if (f.kind && f.kind.length) parts.push(f.kind[0]);
    if (f.year && f.year.length && f.kind && f.kind[0] !== "playbook") parts.push(f.year[0]);
    if (f.team && f.team.length) parts.push(f.team.join(", "));
    return parts.join(" · ");
  }

  function drawResult(data) {
    var item = el("li", "ho-search__result");
    var link = el("a", "ho-search__page");
    link.href = data.url;
    link.appendChild(el("span", "ho-search__title", clean(data.meta.title)));
    var section = data.meta.section || kindLabel(data);
    if (section) link.appendChild(el("span", "ho-search__section", section));
    link.appendChild(excerpt(data.excerpt, "ho-search__excerpt"));
    item.appendChild(link);
    var subs = (data.sub_results || []).filter(function (sub) { return sub.url !== data.url; });
    subs.slice(0, 3).forEach(function (sub) {
      var part = el("a", "ho-search__sub");
      part.href = sub.url;
      part.appendChild(el("span", "ho-search__sub-title", clean(sub.title)));
      part.appendChild(excerpt(sub.excerpt, "ho-search__excerpt"));
      item.appendChild(part);
    });
    return item;
  }

  function showMore() {
    if (!current) return;
    var search = current;
    var next = search.results.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = shown >= search.results.length;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (all) {
      if (search !== current) return;
      all.forEach(function (data) { list.appendChild(drawResult(data)); });
    });
  }

  function run() {
    var term = input.value.trim();
    var number = ++asked;
    open();
    if (!term && !anyChosen()) {
      current = null;
      list.textContent = "";
      more.hidden = true;
      say("Type to search, or choose a filter.");
      return load().then(function (pagefind) {
        return pagefind.filters();
      }).then(function (totals) {
        if (number === asked) drawFilters(totals, null);
      });
    }
    return load().then(function (pagefind) {
      return pagefind.debouncedSearch(term || null, { filters: pagefindFilters() }, DEBOUNCE);
    }).then(function (search) {
      if (!search || number !== asked) return; // a newer search replaced this one
      current = search;
      shown = 0;
      list.textContent = "";
      list.dataset.query = term; // what the list answers (the browser tests wait on it)
      drawFilters(search.totalFilters, search.filters);
      var n = search.results.length;
      say(n ? n + (n === 1 ? " result" : " results") : "No results" + (term ? " for “" + term + "”" : ""));
      return showMore();
    }).then(function () {
      if (number === asked) box.dataset.answered = String(number);
    });
  }

  // Keyboard habits: / or s to search, arrows and Enter to open, Escape to close.
  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

  function typing(target) {
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (event.key === "/" || event.key === "s" || event.key === "S") {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });

  input.addEventListener("keydown", function (event) {
    var found = links();
    if (event.key === "ArrowDown" && found.length) {
      event.preventDefault();
      found[0].focus();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (found.length) window.location.href = found[0].href;
    } else if (event.key === "Escape") {
      close();
      input.blur();
    }
  });

  panel.addEventListener("keydown", function (event) {
    var found = links();
    var at = found.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      input.focus();
    } else if (at >= 0 && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      var to = at + (event.key === "ArrowDown" ? 1 : -1);
      if (to < 0) input.focus();
      else found[Math.min(to, found.length - 1)].focus();
    }
  });

  filtersBox.addEventListener("click", function (event) {
    var chip = event.target.closest ? event.target.closest(".ho-search__chip") : null;
    if (!chip) return;
    var name = chip.dataset.filter;
    var values = chosen[name] = chosen[name] || [];
    var at = values.indexOf(chip.dataset.value);
    if (at >= 0) values.splice(at, 1);
    else values.push(chip.dataset.value);
    run();
  });

  more.addEventListener("click", function () { showMore(); });
  input.addEventListener("input", run);
  input.addEventListener("focus", function () { load(); run(); });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) close();
  });
})();
