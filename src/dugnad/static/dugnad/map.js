// The directory's map of results: progressive enhancement over the list.
// Draws the points of the current page of results; redraws after htmx
// replaces the results. Without JavaScript or tiles the list stands alone.
(function () {
  "use strict";

  function draw() {
    var region = document.querySelector(".results-map");
    var data = document.getElementById("map-points");
    if (!region || !data || !window.L) { return; }
    var canvas = region.querySelector(".results-map__canvas");
    if (!canvas || canvas.dataset.drawn) { return; }
    canvas.dataset.drawn = "yes";
    var points = JSON.parse(data.textContent);
    var map = window.L.map(canvas, { scrollWheelZoom: false });
    window.L.tileLayer(region.dataset.tiles, {
      maxZoom: 18,
      attribution: region.dataset.attribution || ""
    }).addTo(map);
    var bounds = [];
    points.forEach(function (point) {
      var marker = window.L.marker([point.lat, point.lng], { title: point.name, alt: point.name });
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.name;
      marker.bindPopup(link).addTo(map);
      bounds.push([point.lat, point.lng]);
    });
    if (bounds.length) { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 }); }
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSwap", draw);
})();
