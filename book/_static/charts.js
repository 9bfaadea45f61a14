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
  // Fit a spec to the width its figure has: no view wider than the column (so nothing is scaled down
  // and every label keeps its font size), side-by-side views and small multiples stacked on a narrow
  // screen. What still does not fit scrolls inside the figure, not the page.
  var NARROW = 600;   // px of column below which views side by side are stacked
  var AXIS_ROOM = 90; // px a view needs beside its plot for its axis labels and title
  function fit(node, width) {
    if (!node || typeof node !== "object") { return; }
    if (width < NARROW) {
      if (node.hconcat) { node.vconcat = node.hconcat; delete node.hconcat; }
      var wrapped = node.concat || node.repeat || (node.facet && !node.facet.row && !node.facet.column);
      if (wrapped && node.columns !== 1) { node.columns = 1; }
    }
    var room = Math.max(160, width - AXIS_ROOM);
    if (typeof node.width === "number" && node.width > room) { node.width = room; }
    ["vconcat", "concat", "hconcat", "layer"].forEach(function (key) {
      (node[key] || []).forEach(function (child) { fit(child, key === "hconcat" ? width / node[key].length : width); });
    });
    if (node.spec) { fit(node.spec, width); }
  }
  // Titles do not wrap in Vega: a long one sets the chart's width. Break it into lines that fit.
  function lines(text, maxChars) {
    var words = (Array.isArray(text) ? text.join(" ") : String(text)).split(/\s+/);
    var out = [], line = "";
    words.forEach(function (word) {
      if (line && (line + " " + word).length > maxChars) { out.push(line); line = word; } else { line = line ? line + " " + word : word; }
    });
    if (line) { out.push(line); }
    return out.length > 1 ? out : out.join("");
  }
  var CHAR_WIDTH = 0.58; // average width of a character, in ems of the font size
  function wrapTitle(spec, width) {
    if (!spec.title) { return; }
    if (typeof spec.title === "string" || Array.isArray(spec.title)) { spec.title = { text: spec.title }; }
    var look = (spec.config && spec.config.title) || {};
    spec.title.text = lines(spec.title.text, Math.floor(width / ((look.fontSize || 17) * CHAR_WIDTH)));
    if (spec.title.subtitle) {
      spec.title.subtitle = lines(spec.title.subtitle, Math.floor(width / ((look.subtitleFontSize || 13) * CHAR_WIDTH)));
    }
  }
  function fitToColumn(spec, view) {
    var width = view.clientWidth || 640;
    wrapTitle(spec, width - 10);
    spec.config = spec.config || {};
    spec.config.view = spec.config.view || {};
    var room = Math.max(160, width - AXIS_ROOM);
    if (!spec.config.view.continuousWidth || spec.config.view.continuousWidth > room) {
      spec.config.view.continuousWidth = room;
    }
    if (width < NARROW) {
      // legend entries one under the other, each label as wide as the column allows; axis labels no
      // wider than half the column
      spec.config.legend = Object.assign({}, spec.config.legend, { columns: 1, labelLimit: room - 20 });
      spec.config.axis = Object.assign({}, spec.config.axis, { labelLimit: Math.floor(width / 2) });
    }
    fit(spec, width);
    return spec;
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
      return window.vegaEmbed(view, fitToColumn(JSON.parse(JSON.stringify(spec)), view), options).then(function () {
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
