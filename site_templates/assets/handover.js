// handover: accessibility fixes to Material for MkDocs' own markup, applied once the page
// has loaded. Nothing here is fetched from anywhere; the site stays self-contained.
(function () {
  // The search overlay is role="dialog" without a name (axe: aria-dialog-name).
  document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
    var input = dialog.querySelector(".md-search__input");
    dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
  });
})();
