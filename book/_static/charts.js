/* Draw every chart figure on the page with the site's own Vega bundle (no network). */
(function () {
  "use strict";
  function chartRows(spec) {
    var rows = [];
    var datasets = spec.datasets || {};
    Object.keys(datasets).forEach(function (key) { rows = rows.concat(datasets[key]); });
    if (!rows.length && spec.data && spec.data.values) { rows = spec.data.values; }
    return rows;
  }
  function csvCell(value) {
    if (value === null || value === undefined) { return ""; }
    var text = String(value);
    return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function csvOf(rows) {
    var columns = [];
    rows.forEach(function (row) {
      Object.keys(row).forEach(function (key) { if (columns.indexOf(key) < 0) { columns.push(key); } });
    });
    var lines = [columns.map(csvCell).join(",")];
    rows.forEach(function (row) { lines.push(columns.map(function (c) { return csvCell(row[c]); }).join(",")); });
    return lines.join("\n") + "\n";
  }
  function fail(figure, view, error) {
    var message = (error && error.message) || String(error);
    figure.setAttribute("data-chart-drawn", "error");
    if (view) { view.textContent = "This chart could not be drawn (" + message + "). Its data are in the table below."; }
    console.error("chart " + figure.id + ": " + message);
  }
  function draw(figure) {
    // Every failure, thrown at once (a spec that does not parse) or later (vega-embed's promise),
    // ends in the same visible fallback: the chart's data table stays below it.
    var view = figure.querySelector(".da-chart-view");
    try {
      var spec = JSON.parse(figure.querySelector("script.da-chart-spec").textContent);
      var link = figure.querySelector("a.da-chart-csv");
      if (link) { link.href = "data:text/csv;charset=utf-8," + encodeURIComponent(csvOf(chartRows(spec))); }
      var options = { renderer: "svg", actions: { export: true, source: false, compiled: false, editor: false } };
      return window.vegaEmbed(view, spec, options).then(function () {
        var summary = view.querySelector("details > summary");
        if (summary) { summary.setAttribute("aria-label", "Chart menu: save the chart as an image"); }
        figure.setAttribute("data-drawn-at", String(Math.round(performance.now())));
        figure.setAttribute("data-chart-drawn", "true");
      }).catch(function (error) { fail(figure, view, error); });
    } catch (error) {
      fail(figure, view, error);
      return Promise.resolve();
    }
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
