// Draws each svg.world-map: Natural Earth 110m countries (world-atlas, public domain) in an Equal Earth projection
// fitted to the route, then the route's legs as great-circle arcs (d3-geo interpolates LineStrings along great circles)
// and its nodes. Data come from the element's data-atlas (same-origin URL) and data-route (JSON) attributes.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    parent.appendChild(e);
    return e;
  }
  function draw(svg, world) {
    var legs = JSON.parse(svg.getAttribute("data-route") || "[]");
    var width = 960, height = 480;
    var countries = topojson.feature(world, world.objects.countries);
    var lines = legs.map(function (l) { return [[l.from.lon, l.from.lat], [l.to.lon, l.to.lat]]; });
    var route = { type: "MultiLineString", coordinates: lines };
    var projection = d3.geoEqualEarth();
    if (lines.length > 0) {
      // Rotate to the route's longitude, fit the route with a margin, but never zoom closer than a region (short routes).
      var centroid = d3.geoCentroid(route);
      projection.rotate([-centroid[0], 0]).fitExtent([[60, 40], [width - 60, height - 40]], route);
      if (projection.scale() > 900) {
        projection.scale(900);
        var b = d3.geoPath(projection).bounds(route);
        var t = projection.translate();
        projection.translate([t[0] + width / 2 - (b[0][0] + b[1][0]) / 2, t[1] + height / 2 - (b[0][1] + b[1][1]) / 2]);
      }
    } else {
      projection.fitSize([width, height], { type: "Sphere" });
    }
    var path = d3.geoPath(projection);
    el("path", { "class": "graticule", d: path(d3.geoGraticule10()) }, svg);
    var land = el("g", { "class": "countries" }, svg);
    countries.features.forEach(function (f) { el("path", { "class": "country", d: path(f) || "" }, land); });
    var g = el("g", { "class": "route" }, svg);
    legs.forEach(function (l, i) {
      var p = el("path", { "class": "leg leg-" + l.mode, "data-leg": String(i + 1), d: path({ type: "LineString", coordinates: lines[i] }) || "" }, g);
      el("title", {}, p).textContent = l.from.name + " → " + l.to.name;
    });
    var seen = {};
    legs.forEach(function (l) {
      [l.from, l.to].forEach(function (n) {
        if (seen[n.code]) { return; }
        seen[n.code] = true;
        var xy = projection([n.lon, n.lat]);
        if (!xy) { return; }
        el("circle", { "class": "node", cx: xy[0], cy: xy[1], r: 4, "data-node": n.code }, g);
        var label = el("text", { x: xy[0] + 6, y: xy[1] - 6 }, g);
        label.textContent = n.code;
      });
    });
    svg.setAttribute("data-drawn", "true");
  }
  var maps = document.querySelectorAll("svg.world-map");
  if (maps.length === 0) { return; }
  fetch(maps[0].getAttribute("data-atlas"))
    .then(function (r) { if (!r.ok) { throw new Error("atlas " + r.status); } return r.json(); })
    .then(function (world) { maps.forEach(function (svg) { draw(svg, world); }); })
    .catch(function (e) { maps.forEach(function (svg) { svg.setAttribute("data-error", String(e)); }); });
})();
