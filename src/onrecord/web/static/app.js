// onrecord: a little progressive enhancement for the article page. Everything works without it:
// panel items are links to their spans (#at-...), highlights toggle with CSS, provenance uses <details>.
(function () {
  "use strict";
  function marks(id) { return document.querySelectorAll('mark[data-item="' + CSS.escape(id) + '"]'); }
  function activate(id, scrollText) {
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
    var found = marks(id);
    found.forEach(function (m) { m.classList.add("active"); });
    var item = document.getElementById(id);
    if (item) {
      item.classList.add("active");
      var details = item.querySelector("details");
      if (details) details.open = true;
    }
    if (scrollText && found.length) found[0].scrollIntoView({ behavior: "smooth", block: "center" });
    else if (!scrollText && item) item.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }
  document.addEventListener("click", function (event) {
    var jump = event.target.closest("a.jump");
    if (jump) {
      event.preventDefault();
      activate(jump.dataset.item, true);
      history.replaceState(null, "", "#" + jump.dataset.item);
      return;
    }
    var mark = event.target.closest("#text mark[data-item]");
    if (mark && !event.target.closest("a")) {
      // the innermost, shortest highlight under the pointer is the one meant
      activate(mark.dataset.item, false);
    }
  });
  window.addEventListener("DOMContentLoaded", function () {
    var id = location.hash.slice(1);
    if (id && document.getElementById(id) && document.querySelector("#text")) activate(id, true);
  });
})();
