// handover: the site search. It asks Pagefind's index (pagefind/, written after the
// pages are built) through Pagefind's own JS API, which fetches only the pieces of the
// index a query needs, and shows the results in the header's panel: the page, its kind,
// the matching words marked, and the sections of the page that match. An action is a row
// of its session's table that starts with an anchor (#action-a1): when the words matched
// sit in such a row, the result opens that row. On a big site the older sessions have an
// index of their own (pagefind/handover.json names it): it is searched by a second
// Pagefind (its own worker) once the first results are shown, and its results follow.
// Speed: Pagefind's search cannot be stopped once started, so a search for a word half
// typed delays the whole word's. A search starts once no key has come for as long as the
// last search took (at most QUIET ms; the index pieces the words need are fetched at
// once meanwhile); one search runs at a time and only the newest query waits for it;
// a single letter is not searched; the filters' counts, which make every search slower,
// are loaded once the first results are shown (or when the box stays empty a moment);
// the first FIRST results are shown as soon as their pages are read, the rest of the
// first PAGE just after (each group ranked within itself).
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
  var FIRST = 4; // of a query's first PAGE, shown before the others are in
  var SHORTEST = 2; // letters: one letter matches nearly every page
  var IDLE = 400; // ms the box stays empty before the filters' counts are loaded
  var QUIET = 150; // ms: the longest wait for the next key before a search starts
  var ACTION = /^action-/;

  var loading = null;
  var archive = null; // the older sessions' Pagefind, or null
  var filtersLoading = null; // once loaded, every search answers with the filters' counts
  var filtersReady = false;
  var idleTimer = 0;
  var chosen = {}; // filter name -> list of chosen values
  var shown = 0;
  var current = null; // the latest query's results: {number, term, results, totals, counts}
  var older = { busy: false, waiting: null }; // the older sessions' searches, one at a time
  var asked = 0; // counts queries, so that a late answer to an older one is dropped
  var busy = false; // a search is running
  var waiting = null; // the newest query, to run when the running one is done
  var lastKey = 0; // when the query last changed
  var pause = 80; // ms without a key before a search starts: the last search's time
  var startTimer = 0;

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

  function loadArchive() {
    if (!archive) {
      archive = fetch(new URL("pagefind/handover.json", root).href).then(function (response) {
        return response.ok ? response.json() : {};
      }).then(function (manifest) {
        if (!manifest.archive) return null;
        return import(new URL(manifest.archive + "pagefind.js", root).href).then(function (pagefind) {
          return pagefind.options({ baseUrl: root.pathname, excerptLength: 24 }).then(function () {
            return pagefind.init();
          }).then(function () { return pagefind; });
        });
      }).then(null, function () { return null; });
    }
    return archive;
  }

  // Each filter's values and counts, added up over the two indexes.
  function merged(a, b) {
    var out = {};
    [a, b].forEach(function (part) {
      Object.keys(part || {}).forEach(function (name) {
        var into = out[name] = out[name] || {};
        Object.keys(part[name]).forEach(function (value) {
          into[value] = (into[value] || 0) + part[name][value];
        });
      });
    });
    return out;
  }

  function loadFilters() {
    if (!filtersLoading) {
      filtersLoading = Promise.all([
        load().then(function (pagefind) { return pagefind.filters(); }),
        loadArchive().then(function (pagefind) { return pagefind ? pagefind.filters() : {}; }),
      ]).then(function (both) { return merged(both[0], both[1]); });
      filtersLoading.then(function () { filtersReady = true; }, function () { filtersLoading = null; });
    }
    return filtersLoading;
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

  // The part of the page that holds the most of the words matched: the anchor it starts
  // at (a heading or an action's row), its words, and the places of the matches in it.
  function bestPart(data, preferAction) {
    var anchors = (data.anchors || []).slice().sort(function (a, b) { return a.location - b.location; });
    var words = data.content.split(/\s+/);
    var parts = [];
    (data.weighted_locations || []).forEach(function (hit) {
      var at = -1;
      for (var i = 0; i < anchors.length && anchors[i].location <= hit.location; i++) at = i;
      if (at < 0) return;
      var part = parts[at] = parts[at] || { anchor: anchors[at], end: anchors[at + 1] ? anchors[at + 1].location : words.length, hits: [], distinct: {}, score: 0 };
      part.hits.push(hit.location);
      part.distinct[(words[hit.location] || "").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "")] = true;
      part.score += hit.balanced_score || hit.weight || 0;
    });
    var best = null;
    parts.forEach(function (part) {
      if (!part) return;
      part.count = Object.keys(part.distinct).length;
      part.action = ACTION.test(part.anchor.id);
      var better = !best ||
        (preferAction && part.action !== best.action ? part.action :
          part.count !== best.count ? part.count > best.count :
          part.action !== best.action ? part.action : part.score > best.score);
      if (better) best = part;
    });
    if (best) best.words = words;
    return best;
  }

  // An action's row: its words, the matched ones marked, as the excerpt.
  function rowExcerpt(part) {
    var out = el("span", "ho-search__excerpt");
    var last = Math.min(part.end, part.anchor.location + 40);
    for (var i = part.anchor.location; i < last; i++) {
      var word = part.words[i];
      if (part.hits.indexOf(i) >= 0) out.appendChild(el("mark", "", word));
      else out.appendChild(document.createTextNode(word));
      if (i < last - 1) out.appendChild(document.createTextNode(" "));
    }
    return out;
  }

  function drawResult(data, part) {
    var item = el("li", "ho-search__result");
    var link = el("a", "ho-search__page");
    var row = part && part.action ? part : null;
    link.href = row ? data.url.split("#")[0] + "#" + row.anchor.id : data.url;
    link.appendChild(el("span", "ho-search__title", clean(data.meta.title)));
    var section = row ? "action " + row.anchor.id.replace(ACTION, "") : data.meta.section || kindLabel(data);
    if (section) link.appendChild(el("span", "ho-search__section", section));
    link.appendChild(row ? rowExcerpt(row) : excerpt(data.excerpt, "ho-search__excerpt"));
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

  function plain(text) {
    return (text || "").toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, " ").split(/\s+/).filter(Boolean);
  }

  // Within a page of results (Pagefind ranks whole pages), those that hold every word of
  // the query together come first: in their title (the page is about it), then in one
  // action's row (the action that says it), then in one section; else Pagefind's order.
  // Without this, a long session page that holds the words in one row would come after a
  // short page that mentions them apart.
  function rank(all, query) {
    var terms = plain(query);
    var preferAction = isChosen("kind", "action");
    return all.map(function (data, order) {
      var part = bestPart(data, preferAction);
      var title = plain(data.meta.title);
      var named = terms.length && terms.every(function (t) {
        return title.some(function (w) { return w.indexOf(t) === 0; });
      });
      var together = part && part.count >= terms.length;
      var tier = named ? 3 : together ? (part.action ? 2 : 1) : 0;
      return { data: data, part: part, tier: tier, order: order };
    }).sort(function (a, b) { return b.tier - a.tier || a.order - b.order; });
  }

  function showMore(count) {
    if (!current) return Promise.resolve();
    var shownFor = current;
    var next = current.results.slice(shown, shown + (count || PAGE));
    shown += next.length;
    more.hidden = shown >= current.results.length;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (all) {
      if (shownFor !== current) return;
      rank(all, current.term).forEach(function (r) { list.appendChild(drawResult(r.data, r.part)); });
    });
  }

  function sayCount(query, n) {
    say(n ? n + (n === 1 ? " result" : " results") : "No results" + (query.term ? " for “" + query.term + "”" : ""));
  }

  function drawCounts() {
    drawFilters(merged(current.totals[0], current.totals[1]), merged(current.counts[0], current.counts[1]));
  }

  // The older sessions' results for the query shown, after its first results.
  function searchOlder() {
    if (older.busy || !older.waiting) return;
    var query = older.waiting;
    older.waiting = null;
    older.busy = true;
    loadArchive().then(function (pagefind) {
      if (!pagefind || older.waiting || query !== current) return null;
      return pagefind.filters().then(function () { // so that it answers with the counts
        return older.waiting || query !== current ? null : pagefind.search(query.term || null, { filters: query.filters });
      });
    }).then(function (search) {
      if (!search || query !== current) return null;
      query.results = query.results.concat(search.results);
      query.totals[1] = search.totalFilters;
      query.counts[1] = search.filters;
      sayCount(query, query.results.length);
      drawCounts();
      more.hidden = shown >= query.results.length;
      return shown < PAGE ? showMore() : null;
    }).then(null, function () {}).then(function () {
      if (query === current) list.dataset.complete = query.term;
      older.busy = false;
      searchOlder();
    });
  }

  function drawTotals(number) {
    return loadFilters().then(function (totals) {
      if (number === asked) drawFilters(totals, null);
    });
  }

  function run() {
    var term = input.value.trim();
    var number = ++asked;
    open();
    clearTimeout(idleTimer);
    if (!term && !anyChosen()) {
      current = null;
      list.textContent = "";
      more.hidden = true;
      say("Type to search, or choose a filter.");
      load();
      idleTimer = setTimeout(function () { drawTotals(number); }, filtersLoading ? 0 : IDLE);
      return;
    }
    if (term && term.length < SHORTEST && !anyChosen()) {
      say("Type one more letter.");
      return;
    }
    waiting = { number: number, term: term, filters: pagefindFilters() };
    lastKey = Date.now();
    load().then(function (pagefind) { return pagefind.preload(term || null, { filters: waiting ? waiting.filters : {} }); })
      .then(null, function () {});
    later();
  }

  // Starts the waiting query once no key has come for ``pause`` ms and no search runs.
  function later() {
    clearTimeout(startTimer);
    if (busy || !waiting) return;
    var wait = lastKey + pause - Date.now();
    if (wait > 0) startTimer = setTimeout(later, wait);
    else next();
  }

  // Runs the waiting query, if any; one at a time.
  function next() {
    var query = waiting;
    waiting = null;
    if (!query) return;
    busy = true;
    var started = 0;
    load().then(function (pagefind) {
      if (waiting) return null; // replaced before it started
      query.counted = filtersReady;
      started = Date.now();
      return pagefind.search(query.term || null, { filters: query.filters });
    }).then(function (search) {
      if (started && !query.countsOnly) pause = Math.min(QUIET, Date.now() - started);
      if (!search || waiting || query.number !== asked) return null; // a newer query came
      if (query.countsOnly) {
        if (!current || current.number !== query.number) return null;
        current.totals[0] = search.totalFilters;
        current.counts[0] = search.filters;
        return drawCounts();
      }
      current = query;
      query.results = search.results;
      query.totals = [search.totalFilters, {}];
      query.counts = [search.filters, {}];
      shown = 0;
      list.textContent = "";
      list.dataset.query = query.term; // what the list answers (the browser tests wait on it)
      delete list.dataset.complete; // set once the older sessions' results are in
      drawCounts();
      sayCount(query, search.results.length);
      // Each result's page (Pagefind's fragment) is fetched and read before it is shown,
      // a long list page's in tens of ms: the first few are shown as soon as they are in.
      return showMore(FIRST).then(function () {
        return query === current ? showMore(PAGE - FIRST) : null;
      }).then(function () {
        if (query.number === asked) box.dataset.answered = String(query.number);
        older.waiting = query;
        searchOlder();
        if (!query.counted) {
          // The chips: loaded after the first results, then the query asked again for
          // its counts only (unless a newer one came meanwhile); the results stay.
          loadFilters().then(function () {
            if (query.number !== asked || waiting) return;
            waiting = { number: query.number, term: query.term, filters: query.filters, countsOnly: true };
            later();
          });
        }
      });
    }).then(null, function () {
      say("The search failed.");
    }).then(function () {
      busy = false;
      later();
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
