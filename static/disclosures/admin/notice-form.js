/* Notice form in the Wagtail admin (progressive enhancement; the form works without it):
 * - shows only the groups of kind-specific fields ([data-notice-kinds]) that apply to the chosen
 *   kind (all groups when no kind is chosen);
 * - keeps the deadline calculator link ([data-deadline-calculator]) prefilled with the rule of the
 *   chosen kind and the dates as they are typed. */
(function () {
  "use strict";

  var DATE = /^\d{4}-\d{2}-\d{2}/;

  function startDate(names, today) {
    for (var i = 0; i < names.length; i += 1) {
      var input = document.getElementById("id_" + names[i]);
      var value = input ? input.value.trim() : "";
      if (DATE.test(value)) {
        return value.slice(0, 10);
      }
    }
    return names[names.length - 1] === "published_on" ? today : "";
  }

  function init() {
    var kind = document.getElementById("id_kind");
    if (!kind) {
      return;
    }
    var groups = document.querySelectorAll("[data-notice-kinds]");
    var box = document.querySelector("[data-deadline-calculator]");
    var rules = box ? JSON.parse(box.getAttribute("data-rules") || "{}") : {};
    var first = true;

    function showGroups() {
      groups.forEach(function (group) {
        var kinds = group.getAttribute("data-notice-kinds").split(" ");
        group.hidden = Boolean(kind.value) && kinds.indexOf(kind.value) === -1;
      });
    }

    function updateLink() {
      if (!box) {
        return;
      }
      var link = box.querySelector("[data-deadline-link]");
      var spec = rules[kind.value];
      var url = box.getAttribute("data-base-url");
      if (spec) {
        var params = new URLSearchParams({ rule: spec.rule });
        var start = startDate(spec.starts, box.getAttribute("data-today"));
        if (start) {
          params.set("start", start);
        }
        url += "?" + params.toString();
      }
      link.href = url;
      var result = box.querySelector("[data-deadline-result]");
      if (result && !first) {
        result.hidden = true; // computed from the dates as they were loaded
      }
      first = false;
    }

    showGroups();
    updateLink();
    kind.addEventListener("change", function () {
      showGroups();
      updateLink();
    });
    var form = kind.form;
    if (form) {
      form.addEventListener("change", function (event) {
        if (event.target !== kind) {
          updateLink();
        }
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
