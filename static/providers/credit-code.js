// Instant feedback on the unified social credit code in the application form. The form works
// without this script: the server validates the code again on submit.
(function () {
  "use strict";
  var input = document.querySelector("input.credit-code-input");
  var out = document.getElementById("credit-code-feedback");
  if (!input || !out || !window.fetch) { return; }
  var url = out.getAttribute("data-check-url");
  var timer = null;
  var last = "";

  function show(data) {
    out.textContent = "";
    out.className = "code-feedback " + (data.valid ? "ok" : "bad");
    var lines = [];
    if (data.valid) {
      lines.push("代码有效。");
      if (data.registration_authority) { lines.push("登记管理部门：" + data.registration_authority); }
      if (data.organisation_type) { lines.push("机构类别：" + data.organisation_type); }
      if (data.region) { lines.push("登记机关所在地：" + data.region.name); }
    } else {
      lines = data.errors;
    }
    lines.forEach(function (text, i) {
      if (i) { out.appendChild(document.createElement("br")); }
      out.appendChild(document.createTextNode(text));
    });
  }

  function check() {
    var code = input.value.replace(/\s+/g, "").toUpperCase();
    if (code === last) { return; }
    last = code;
    if (!code) { out.textContent = ""; out.className = "code-feedback"; return; }
    fetch(url + "?code=" + encodeURIComponent(code), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && last === code) { show(data); } })
      .catch(function () { out.textContent = ""; });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  });
  input.addEventListener("blur", check);
})();
