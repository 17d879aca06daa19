// Filters of the claims by category and place: shows and hides the elements carrying
// data-category / data-place. Without JavaScript the form stays hidden and every claim shows.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var category = document.getElementById("filter-category");
  var place = document.getElementById("filter-place");
  var count = document.getElementById("filter-count");
  var items = document.querySelectorAll("[data-category]");
  var rows = document.querySelectorAll("tr.claim-row");
  function apply() {
    var c = category.value, p = place.value, shown = 0;
    for (var i = 0; i < items.length; i++) {
      var el = items[i];
      var on = (!c || el.getAttribute("data-category") === c) &&
               (!p || el.getAttribute("data-place") === p);
      el.hidden = !on;
    }
    for (var j = 0; j < rows.length; j++) { if (!rows[j].hidden) { shown++; } }
    count.textContent = shown + " of " + rows.length + " claims shown";
  }
  category.addEventListener("change", apply);
  place.addEventListener("change", apply);
  document.getElementById("filter-reset").addEventListener("click", function () {
    category.value = ""; place.value = ""; apply();
  });
  form.hidden = false;
  apply();
})();
