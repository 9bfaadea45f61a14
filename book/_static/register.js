// Filters of the claims register (book/claims): show only the claims of a verdict, a kind or a chapter.
// Without this script the filters stay hidden and every claim is shown.
(function () {
  function setUp(register) {
    var form = register.querySelector(".da-register-filters");
    var claims = register.querySelectorAll(".da-claim");
    var count = form.querySelector(".da-register-count");
    function apply() {
      var wanted = {};
      form.querySelectorAll("select[data-filter]").forEach(function (s) { wanted[s.dataset.filter] = s.value; });
      var shown = 0;
      claims.forEach(function (c) {
        var ok = Object.keys(wanted).every(function (k) { return !wanted[k] || c.dataset[k] === wanted[k]; });
        c.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = shown + " of " + claims.length + " claims shown";
    }
    form.addEventListener("change", apply);
    form.hidden = false;
    apply();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".da-register").forEach(setUp);
  });
})();
