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
      var meant = innermost(event.target);
      if (meant) activate(meant, false);
    }
  });
  // Which layer's checkbox shows a highlight kind (hl-probability belongs to the forecasts ...).
  var LAYER = { "probability": "forecast", "quote-cue": "quote", "cause": "causal", "effect": "causal", "causal-cue": "causal" };
  function shown(mark) {
    var kind = (mark.className.match(/\bhl-([\w-]+)/) || [])[1];
    var box = document.getElementById("show-" + (LAYER[kind] || kind));
    return !box || box.checked;
  }
  function extent(id) {
    var n = 0;
    marks(id).forEach(function (m) { n += m.textContent.length; });
    return n;
  }
  // The item meant by a click: of the shown highlights under the pointer, the one whose whole
  // span is shortest (a forecast inside a claim, not the claim; never a hidden layer's mark).
  function innermost(target) {
    var best = null, bestLength = Infinity;
    for (var el = target.closest("mark[data-item]"); el && el.id !== "text"; el = el.parentElement.closest("#text mark[data-item]")) {
      if (!shown(el)) continue;
      var length = extent(el.dataset.item);
      if (length < bestLength) { best = el.dataset.item; bestLength = length; }
    }
    return best;
  }
  window.addEventListener("DOMContentLoaded", function () {
    var id = location.hash.slice(1);
    if (id && document.getElementById(id) && document.querySelector("#text")) activate(id, true);
  });
})();
