// handover: accessibility fixes to Material for MkDocs' own markup, applied once the page
// has loaded. Nothing here is fetched from anywhere; the site stays self-contained.
(function () {
  // The search overlay is role="dialog" without a name (axe: aria-dialog-name).
  document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
    var input = dialog.querySelector(".md-search__input");
    dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
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
