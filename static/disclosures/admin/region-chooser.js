/* Region chooser of the project form (progressive enhancement; the grouped checkboxes work without
 * it): filters the cities and counties shown and finds regions by name. Hidden checkboxes keep
 * their state and are submitted as they are. */
(function () {
  "use strict";

  function setup(chooser) {
    var filters = chooser.querySelector("[data-region-filters]");
    if (!filters) {
      return;
    }
    filters.hidden = false;
    var city = filters.querySelector("[data-filter='city']");
    var county = filters.querySelector("[data-filter='county']");
    var text = filters.querySelector("[data-filter='text']");
    var status = filters.querySelector("[data-filter-status]");
    var cities = chooser.querySelectorAll(".region-chooser__city");
    var counties = chooser.querySelectorAll(".region-chooser__county");

    function apply() {
      var cityValue = city ? city.value : "";
      var countyValue = county ? county.value : "";
      var needle = text ? text.value.trim() : "";
      var found = 0;
      if (county) {
        county.querySelectorAll("option[data-city]").forEach(function (option) {
          option.hidden = Boolean(cityValue) && option.getAttribute("data-city") !== cityValue;
        });
      }
      cities.forEach(function (node) {
        node.hidden = Boolean(cityValue) && node.getAttribute("data-city") !== cityValue;
      });
      counties.forEach(function (node) {
        var visible =
          (!cityValue || node.getAttribute("data-city") === cityValue) &&
          (!countyValue || node.getAttribute("data-county") === countyValue);
        var legend = node.querySelector("legend");
        var countyMatches = !needle || (legend && legend.textContent.indexOf(needle) !== -1);
        var matches = 0;
        node.querySelectorAll("li[data-name]").forEach(function (item) {
          var hit = !needle || item.getAttribute("data-name").indexOf(needle) !== -1;
          item.hidden = !hit && !countyMatches;
          if (hit && needle) {
            matches += 1;
          }
        });
        if (needle) {
          visible = visible && (countyMatches || matches > 0);
          var details = node.querySelector("details");
          if (details && matches > 0) {
            details.open = true;
          }
        }
        node.hidden = !visible;
        if (visible) {
          found += needle ? matches + (countyMatches ? 1 : 0) : 1;
        }
      });
      if (status) {
        status.textContent = needle ? "找到 " + found + " 个区划" : "";
      }
    }

    [city, county].forEach(function (select) {
      if (select) {
        select.addEventListener("change", apply);
      }
    });
    if (text) {
      text.addEventListener("input", apply);
      // Enter in the search box must not submit the page form.
      text.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
        }
      });
    }
  }

  function init() {
    document.querySelectorAll("[data-region-chooser]").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
