// The plan comparison chart: each Pareto plan as a bubble at (days, landed cost); bubble area and colour grow with
// CO2e; the chosen plan is drawn in the accent colour with a thick border. Numbers and currencies are formatted with
// the page's culture (data-locale) by the browser's Intl API.
(function () {
  "use strict";
  var canvas = document.getElementById("pareto-chart");
  if (!canvas || typeof Chart === "undefined") { return; }
  var plans = JSON.parse(canvas.getAttribute("data-plans") || "[]");
  var locale = canvas.getAttribute("data-locale") || "en";
  var currency = plans.length ? plans[0].currency : "CNY";
  var money = new Intl.NumberFormat(locale, { style: "currency", currency: currency, maximumFractionDigits: 0 });
  var number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  var co2 = plans.map(function (p) { return p.co2e; });
  var lo = Math.min.apply(null, co2), hi = Math.max.apply(null, co2);
  function share(v) { return hi > lo ? (v - lo) / (hi - lo) : 0.5; }
  function radius(v) { return 6 + Math.sqrt(share(v)) * 16; }
  function colour(v, alpha) {
    // Green (low CO2e) to brown-red (high CO2e).
    var s = share(v), r = Math.round(46 + s * (170 - 46)), g = Math.round(139 - s * (139 - 60)), b = Math.round(87 - s * (87 - 40));
    return "rgba(" + r + "," + g + "," + b + "," + alpha + ")";
  }
  function points(chosen) {
    return plans.filter(function (p) { return p.chosen === chosen; }).map(function (p) {
      return { x: p.days, y: p.cost, r: radius(p.co2e), plan: p };
    });
  }
  var others = points(false), picked = points(true);
  new Chart(canvas, {
    type: "bubble",
    data: {
      datasets: [
        { label: canvas.getAttribute("data-plan"), data: others,
          backgroundColor: others.map(function (d) { return colour(d.plan.co2e, 0.55); }),
          borderColor: others.map(function (d) { return colour(d.plan.co2e, 1); }), borderWidth: 1 },
        { label: canvas.getAttribute("data-chosen"), data: picked, backgroundColor: "rgba(200,16,46,0.75)", borderColor: "#7a0019", borderWidth: 3 }
      ]
    },
    options: {
      animation: false, responsive: true, locale: locale,
      scales: {
        x: { title: { display: true, text: canvas.getAttribute("data-x-title") }, ticks: { callback: function (v) { return number.format(v); } } },
        y: { title: { display: true, text: canvas.getAttribute("data-y-title") + " (" + currency + ")" }, ticks: { callback: function (v) { return money.format(v); } } }
      },
      plugins: {
        tooltip: { callbacks: { label: function (ctx) {
          var p = ctx.raw.plan;
          return "#" + p.index + " " + p.modes + ": " + p.costText + ", " + number.format(p.days) + " d, " + number.format(p.co2e) + " kg CO2e";
        } } }
      }
    }
  });
  canvas.setAttribute("data-drawn", "true");
})();
