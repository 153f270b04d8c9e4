// Clientflow console: charts from JSON beside them (ECharts), and the browser's time zone sent
// at sign-in. No inline scripts: the Content-Security-Policy allows only these files.
(function () {
  "use strict";

  function chartOption(kind, data) {
    if (kind === "pie") {
      return {
        tooltip: { trigger: "item" },
        legend: { bottom: 0, type: "scroll" },
        series: [{
          type: "pie", radius: ["30%", "58%"], center: ["50%", "45%"], data: data,
          label: { formatter: "{d}%" },
        }],
      };
    }
    if (kind === "bars") {
      return {
        tooltip: { trigger: "axis" },
        grid: { left: 60, right: 10, top: 10, bottom: 30 },
        xAxis: { type: "category", data: data.labels },
        yAxis: { type: "value" },
        series: [{ type: "bar", data: data.values, itemStyle: { color: "#1f4e79" } }],
      };
    }
    if (kind === "line") {
      return {
        tooltip: { trigger: "axis" },
        grid: { left: 70, right: 10, top: 10, bottom: 30 },
        xAxis: { type: "category", data: data.labels },
        yAxis: { type: "value", scale: true },
        series: [{ type: "line", data: data.values, itemStyle: { color: "#1f4e79" } }],
      };
    }
    if (kind === "graph") {
      return {
        tooltip: {},
        series: [{
          type: "graph", layout: "force", roam: true, force: { repulsion: 220, edgeLength: 90 },
          label: { show: true }, symbolSize: 28,
          categories: [{ name: "client" }, { name: "person" }, { name: "client link" }],
          data: data.nodes, links: data.edges,
        }],
      };
    }
    return null;
  }

  function drawCharts(root) {
    if (typeof echarts === "undefined") { return; }
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.drawn) { return; }
      var holder = el.nextElementSibling;
      if (!holder || !holder.classList.contains("chart-data")) { return; }
      var option = chartOption(el.dataset.chart, JSON.parse(holder.textContent));
      if (!option) { return; }
      echarts.init(el, null, { renderer: "svg" }).setOption(option);
      el.dataset.drawn = "1";
    });
  }

  function sendTimeZone() {
    var zone = "";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
    document.querySelectorAll("input.tz").forEach(function (input) { input.value = zone; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawCharts(document);
    sendTimeZone();
    document.body.addEventListener("htmx:afterSwap", function (event) { drawCharts(event.target); });
  });
  window.addEventListener("resize", function () {
    if (typeof echarts === "undefined") { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var chart = echarts.getInstanceByDom(el);
      if (chart) { chart.resize(); }
    });
  });
})();
