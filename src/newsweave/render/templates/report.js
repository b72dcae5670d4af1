/* newsweave report: citation tooltips, highlighting of cited sentences, details open for print.
   Reads only what is already in the page; loads nothing. */
(function () {
  "use strict";
  var tip = document.getElementById("nw-tip");
  var current = null;

  function showTip(link) {
    var source = document.getElementById(link.getAttribute("aria-describedby") || "");
    if (!tip || !source) { return; }
    tip.textContent = "";
    source.querySelectorAll(".src-meta, .src-text").forEach(function (part) {
      tip.appendChild(part.cloneNode(true));
    });
    tip.hidden = false;
    var box = link.getBoundingClientRect();
    var width = tip.offsetWidth;
    var left = Math.min(Math.max(8, box.left + box.width / 2 - width / 2),
      document.documentElement.clientWidth - width - 8);
    var top = box.bottom + 8;
    if (top + tip.offsetHeight > window.innerHeight && box.top > tip.offsetHeight + 8) {
      top = box.top - tip.offsetHeight - 8;
    }
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (top + window.scrollY) + "px";
    current = link;
  }

  function hideTip() {
    if (tip) { tip.hidden = true; }
    current = null;
  }

  function highlight(ids) {
    document.querySelectorAll(".sent.hit").forEach(function (el) { el.classList.remove("hit"); });
    ids.forEach(function (id) {
      var el = document.getElementById(id);
      if (!el) { return; }
      el.classList.add("hit");
      var box = el.closest("details");
      if (box) { box.open = true; }
    });
  }

  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id) { highlight([id]); }
  }

  document.addEventListener("mouseover", function (event) {
    var link = event.target.closest && event.target.closest("a.cite");
    if (link && link !== current) { showTip(link); }
  });
  document.addEventListener("mouseout", function (event) {
    var link = event.target.closest && event.target.closest("a.cite");
    if (link && !link.contains(event.relatedTarget) && document.activeElement !== link) { hideTip(); }
  });
  document.addEventListener("focusin", function (event) {
    var link = event.target.closest && event.target.closest("a.cite");
    if (link) { showTip(link); } else { hideTip(); }
  });
  document.addEventListener("focusout", function (event) {
    if (event.target === current) { hideTip(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hideTip(); }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-sentences]");
    if (!link) { return; }
    var ids = (link.getAttribute("data-sentences") || "").split(" ").filter(Boolean);
    if (ids.length) { highlight(ids); }
    hideTip();
  });
  window.addEventListener("hashchange", function () {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && !el.classList.contains("hit")) { highlight([id]); }
  });
  fromHash();

  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });
}());
