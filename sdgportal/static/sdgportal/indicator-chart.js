// Draws an indicator's series from the JSON the page carries; the table stays for readers
// without JavaScript. The breakdown select switches the series shown.
(function () {
  "use strict";
  var data = document.getElementById("indicator-data");
  var canvas = document.getElementById("indicator-chart");
  var select = document.querySelector("[data-series-select]");
  if (!data || !canvas || !window.Chart) {
    return;
  }
  var chart = JSON.parse(data.textContent);
  var colour = getComputedStyle(document.documentElement).getPropertyValue("--accent").trim() || "#00689d";
  function dataset(series) {
    return {
      label: series.label,
      data: series.points.map(function (point) { return { x: String(point[0]), y: point[1] }; }),
      borderColor: colour,
      backgroundColor: colour,
      tension: 0.2
    };
  }
  var drawing = new window.Chart(canvas, {
    type: "line",
    data: { datasets: [dataset(chart.series[0])] },
    options: {
      animation: false,
      parsing: { xAxisKey: "x", yAxisKey: "y" },
      scales: { x: { type: "category" }, y: { title: { display: !!chart.unit, text: chart.unit } } }
    }
  });
  canvas.dataset.ready = "true";
  if (select) {
    select.addEventListener("change", function () {
      drawing.data.datasets = [dataset(chart.series[Number(select.value)])];
      drawing.update();
    });
  }
})();
