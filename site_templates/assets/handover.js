// handover: accessibility fixes to Material for MkDocs' own markup, applied once the page
// has loaded. Nothing here is fetched from anywhere; the site stays self-contained.
(function () {
  // The search overlay is role="dialog" without a name (axe: aria-dialog-name).
  document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
    var input = dialog.querySelector(".md-search__input");
    dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
  });
  // With navigation.indexes, a section's nested navigation is labelled by its toggle, which
  // holds only an icon: every such landmark is nameless (axe: landmark-unique). It takes
  // the name of its own title, the section's name.
  document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
    var by = document.getElementById(nav.getAttribute("aria-labelledby"));
    var title = nav.querySelector(":scope > .md-nav__title");
    if (by && !by.textContent.trim() && title && title.textContent.trim()) {
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", title.textContent.trim());
    }
  });
})();

// A debrief's "Share:" address gets a button that copies it, to paste into the team's chat.
// The address shown is the full one when the site's address is known (site_url); else the
// browser's own absolute address of the link is copied.
(function () {
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand("copy");
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  document.querySelectorAll("a.ho-share").forEach(function (link) {
    var text = link.textContent.trim();
    var address = /^https?:\/\//.test(text) ? text : link.href;
    var button = document.createElement("button");
    var status = document.createElement("span");
    button.type = "button";
    button.className = "ho-copy md-button";
    button.textContent = "Copy address";
    button.title = address;
    status.className = "ho-copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      copy(address).then(
        function () { status.textContent = "Copied."; },
        function () { status.textContent = "Copy it by hand: " + address; }
      );
    });
    link.after(" ", button, " ", status);
  });
})();

// A session page opens at the reader's team: #<team id> shows the team's block at the top
// (#team-<team id>) and selects its debrief tab; else the tab the reader chose last time
// is selected. Choosing a tab or a block's "Debrief" link remembers the team in this
// browser (localStorage).
(function () {
  var KEY = "handover.team";
  var section = document.querySelector(".ho-debriefs[data-ho-teams]");
  var set = section && section.querySelector(".tabbed-set");
  if (!set) {
    return;
  }
  var teams = section.getAttribute("data-ho-teams").split(" ");
  var inputs = Array.prototype.filter.call(set.children, function (child) {
    return child.tagName === "INPUT";
  });
  function remember(team) {
    try { window.localStorage.setItem(KEY, team); } catch (e) { /* storage off: forget */ }
  }
  function recalled() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function open(team) {
    var input = inputs[teams.indexOf(team)];
    if (!input) {
      return false;
    }
    if (!input.checked) {
      input.checked = true;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
    document.querySelectorAll(".ho-team-part").forEach(function (part) {
      part.classList.toggle("ho-team-part--chosen", part.getAttribute("data-ho-team") === team);
    });
    return true;
  }
  function fromAddress() {
    var team = "";
    try {
      team = decodeURIComponent(window.location.hash.slice(1));
    } catch (e) { /* not an address we wrote */ }
    if (teams.indexOf(team) >= 0 && open(team)) {
      remember(team);
      var block = document.getElementById("team-" + team);
      if (block) {
        block.scrollIntoView();
      }
      return true;
    }
    return false;
  }
  // An address that names a tab itself (#__tabbed_1_2: an older session's debrief link)
  // keeps it: the theme selects that one.
  var namesTab = /^#__tabbed_/.test(window.location.hash);
  if (!fromAddress() && !namesTab) {
    var last = recalled();
    if (last) {
      open(last);
    }
  }
  window.addEventListener("hashchange", fromAddress);
  inputs.forEach(function (input, i) {
    input.addEventListener("change", function () {
      if (input.checked && teams[i]) {
        remember(teams[i]);
        open(teams[i]);
      }
    });
  });
  document.querySelectorAll("a[data-ho-tab]").forEach(function (link) {
    link.addEventListener("click", function () {
      var team = link.getAttribute("data-ho-tab");
      if (open(team)) {
        remember(team);
      }
    });
  });
})();

// The tables written as Markdown (a table in someone's notes) and the debriefs' (written
// without, to keep a session page small) get what the other generated ones carry
// (html/*.html.j2): each cell its column's name, for the cards a phone shows
// (handover.css), and the status column first.
(function () {
  document.querySelectorAll(".md-typeset table").forEach(function (table) {
    var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    if (!names.length || table.querySelector("td[data-label]")) {
      return;
    }
    table.querySelectorAll("tbody tr").forEach(function (row) {
      if (row.cells.length !== names.length) {
        return;
      }
      Array.prototype.forEach.call(row.cells, function (cell, i) {
        cell.setAttribute("data-label", names[i]);
        if (/^Status/.test(names[i])) {
          cell.classList.add("ho-card-first");
        }
      });
    });
  });
})();

// On a narrow screen, a table or chart still wider than the screen says so, just above
// it; a Gantt chart starts at today's line. Checked again when the window changes size.
(function () {
  var HINT = "ho-scroll-hint";
  function wide(box) {
    return box.scrollWidth > box.clientWidth + 1;
  }
  // A box that scrolls sideways is reached with the keyboard (Tab, then the arrow keys)
  // and named for a screen reader (WCAG 2.1.1; axe: scrollable-region-focusable).
  function reachable(box, name, needed) {
    if (needed) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", name);
    } else if (box.getAttribute("role") === "region") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
  // The text of the nearest heading above ``box``, to name the table it holds.
  function previousHeading(box) {
    var headings = document.querySelectorAll(".md-typeset h1, .md-typeset h2, .md-typeset h3");
    var found = "";
    Array.prototype.forEach.call(headings, function (h) {
      if (h.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING) {
        found = h.textContent.replace(/\u00b6/g, "").trim();
      }
    });
    return found;
  }
  function chartName(figure) {
    var title = figure.querySelector("svg title");
    return "Chart, scrolls sideways: " + (title ? title.textContent.trim() : "chart");
  }
  function mark(box, text, needed) {
    var before = box.previousElementSibling;
    var shown = before && before.classList.contains(HINT);
    if (needed && !shown) {
      var hint = document.createElement("p");
      hint.className = HINT;
      hint.textContent = text;
      box.before(hint);
    } else if (!needed && shown) {
      before.remove();
    }
  }
  function check() {
    document.querySelectorAll(".md-typeset table").forEach(function (table) {
      var box = table.closest(".md-typeset__scrollwrap") || table;
      var scrolls = wide(box) || wide(table);
      var scroller = wide(box) ? box : table;
      var heading = previousHeading(box);
      reachable(scroller, "Table, scrolls sideways" + (heading ? ": " + heading : ""), scrolls);
      mark(box, "Wider than the screen: scroll sideways for the other columns.", scrolls);
    });
    document.querySelectorAll(".md-typeset figure.ho-chart").forEach(function (figure) {
      var today = figure.querySelector(".ho-today line");
      var scrolls = wide(figure);
      if (scrolls && today && !figure.hasAttribute("data-ho-started")) {
        var x = today.getBoundingClientRect().left - figure.getBoundingClientRect().left;
        figure.scrollLeft = Math.max(0, figure.scrollLeft + x - figure.clientWidth / 3);
        figure.setAttribute("data-ho-started", "");
      }
      reachable(figure, chartName(figure), scrolls);
      mark(figure, today ? "Shown from today: scroll sideways for the rest of the chart."
        : "Wider than the screen: scroll sideways for the rest of the chart.", scrolls);
    });
  }
  var pending = 0;
  function later() {
    window.clearTimeout(pending);
    pending = window.setTimeout(check, 150);
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { window.setTimeout(check, 0); });
  } else {
    window.addEventListener("load", check);
  }
  window.addEventListener("resize", later);
})();
