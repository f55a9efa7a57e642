// Report page: live totals of the entry grid, and a submit button that posts once.
(function () {
  "use strict";
  function parse(text) {
    var t = String(text || "").replace(/[\s\u00a0]/g, "");
    if (/^[0-9]{1,3}(\.[0-9]{3})+$/.test(t)) t = t.replace(/\./g, "");
    return /^[0-9]+$/.test(t) ? parseInt(t, 10) : 0;
  }
  function format(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }
  var grid = document.querySelector("[data-entry-grid]");
  if (grid) {
    // A read-only report has no boxes: its totals, computed on the server, stay as they are.
    var editable = grid.querySelector("input[data-figure]") !== null;
    if (editable) {
      var recompute = function () {
        grid.querySelectorAll("[data-total]").forEach(function (cell) {
          var figure = cell.getAttribute("data-total");
          var sum = 0;
          grid.querySelectorAll('input[data-figure="' + figure + '"]').forEach(function (input) {
            sum += parse(input.value);
          });
          cell.textContent = format(sum);
        });
      };
      grid.addEventListener("input", recompute);
      // Figures typed before the script ran (or restored by the browser) count too.
      recompute();
    }
    // The script has run: "1" with live totals, "0" on a read-only report.
    grid.setAttribute("data-live", editable ? "1" : "0");
  }
  var form = document.getElementById("report-form");
  if (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
    });
  }
})();
