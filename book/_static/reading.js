// Reading mode: a chapter's code cells are folded, each behind its own "Show code" button, with one
// button at the top of the page for all of them. The code is in the page (a re-executing reader keeps
// everything, and the page prints and searches it); without this script every cell is shown.
(function () {
  "use strict";
  function label(shown) { return shown ? "Hide code" : "Show code"; }
  function setUp() {
    // a chapter's parameters cell stays open: it is there to be read and changed
    var inputs = document.querySelectorAll("main div.cell:not(.tag_parameters) > div.cell_input");
    if (!inputs.length) { return; }
    var buttons = [];
    inputs.forEach(function (input, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "da-code-toggle";
      button.setAttribute("aria-expanded", "false");
      if (!input.id) { input.id = "da-code-" + (i + 1); }
      button.setAttribute("aria-controls", input.id);
      button.textContent = label(false);
      input.hidden = true;
      button.addEventListener("click", function () {
        input.hidden = !input.hidden;
        button.setAttribute("aria-expanded", String(!input.hidden));
        button.textContent = label(!input.hidden);
      });
      input.parentNode.insertBefore(button, input);
      buttons.push([button, input]);
    });
    var all = document.createElement("button");
    all.type = "button";
    all.className = "da-code-toggle-all";
    all.textContent = "Show all code (" + inputs.length + " cells)";
    all.addEventListener("click", function () {
      var show = buttons.some(function (pair) { return pair[1].hidden; });
      buttons.forEach(function (pair) {
        pair[1].hidden = !show;
        pair[0].setAttribute("aria-expanded", String(show));
        pair[0].textContent = label(show);
      });
      all.textContent = (show ? "Hide all code" : "Show all code") + " (" + inputs.length + " cells)";
    });
    var heading = document.querySelector("main article h1");
    if (heading) { heading.parentNode.insertBefore(all, heading.nextSibling); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setUp); } else { setUp(); }
})();
