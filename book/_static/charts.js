/* Draw every chart figure on the page with the site's own Vega bundle (no network). */
(function () {
  "use strict";
  function draw(figure) {
    var view = figure.querySelector(".da-chart-view");
    var spec = JSON.parse(figure.querySelector("script.da-chart-spec").textContent);
    var options = { renderer: "svg", actions: { export: true, source: false, compiled: false, editor: false } };
    return window.vegaEmbed(view, spec, options).then(function () {
      figure.setAttribute("data-chart-drawn", "true");
    }).catch(function (error) {
      figure.setAttribute("data-chart-drawn", "error");
      view.textContent = "This chart could not be drawn (" + error.message + "). Its data are in the table below.";
      console.error("chart " + figure.id + ": " + error.message);
    });
  }
  function drawAll() {
    var figures = document.querySelectorAll("figure.da-chart");
    if (!figures.length) { return; }
    if (typeof window.vegaEmbed !== "function") {
      figures.forEach(function (f) {
        f.setAttribute("data-chart-drawn", "error");
        f.querySelector(".da-chart-view").textContent = "The chart library did not load; the data are in the table below.";
      });
      console.error("vega-bundle.js did not load: charts cannot be drawn");
      return;
    }
    figures.forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
