// Signature pad for minutes: draws on <canvas data-signature-pad>, submits a PNG data URL.
(function () {
  "use strict";
  document.querySelectorAll("[data-signature-form]").forEach(function (form) {
    var canvas = form.querySelector("[data-signature-pad]");
    var input = form.querySelector("[data-signature-value]");
    var clear = form.querySelector("[data-signature-clear]");
    if (!canvas || !input) { return; }
    var ctx = canvas.getContext("2d");
    var drawing = false, dirty = false;
    ctx.lineWidth = 2.5; ctx.lineCap = "round"; ctx.lineJoin = "round"; ctx.strokeStyle = "#111";
    function point(e) {
      var r = canvas.getBoundingClientRect();
      return { x: (e.clientX - r.left) * canvas.width / r.width, y: (e.clientY - r.top) * canvas.height / r.height };
    }
    canvas.addEventListener("pointerdown", function (e) {
      drawing = true; canvas.setPointerCapture(e.pointerId);
      var p = point(e); ctx.beginPath(); ctx.moveTo(p.x, p.y); e.preventDefault();
    });
    canvas.addEventListener("pointermove", function (e) {
      if (!drawing) { return; }
      var p = point(e); ctx.lineTo(p.x, p.y); ctx.stroke(); dirty = true; e.preventDefault();
    });
    function stop() { drawing = false; }
    canvas.addEventListener("pointerup", stop);
    canvas.addEventListener("pointercancel", stop);
    if (clear) {
      clear.addEventListener("click", function () { ctx.clearRect(0, 0, canvas.width, canvas.height); dirty = false; });
    }
    form.addEventListener("submit", function (e) {
      if (!dirty) { e.preventDefault(); window.alert(canvas.getAttribute("data-empty-message") || "请先签名"); return; }
      input.value = canvas.toDataURL("image/png");
    });
  });
})();
