// Signature pad for the agreement signing page: draw with finger, pen or mouse on a <canvas>;
// on submit the drawing goes into the hidden input named by data-image-input as a PNG data URL.
// No inline script or style (CSP): styles are set through the CSSOM here.
(function () {
  "use strict";
  var canvas = document.getElementById("signature-pad");
  if (!canvas || !canvas.getContext) { return; }
  var form = canvas.closest("form");
  var input = form.querySelector("input[name='" + canvas.getAttribute("data-image-input") + "']");
  var ctx = canvas.getContext("2d");
  var drawing = false;
  var inked = false;
  var last = null;

  canvas.style.touchAction = "none";  // keep the page from scrolling while signing
  canvas.style.width = "100%";
  canvas.style.maxWidth = "600px";
  canvas.style.aspectRatio = canvas.width + " / " + canvas.height;
  canvas.style.border = "1px dashed #888";
  canvas.style.borderRadius = "6px";
  canvas.style.background = "#fff";
  canvas.style.display = "block";

  ctx.lineWidth = 4;
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  ctx.strokeStyle = "#111";

  function point(event) {
    var rect = canvas.getBoundingClientRect();
    return {
      x: (event.clientX - rect.left) * (canvas.width / rect.width),
      y: (event.clientY - rect.top) * (canvas.height / rect.height)
    };
  }

  canvas.addEventListener("pointerdown", function (event) {
    event.preventDefault();
    if (canvas.setPointerCapture) { canvas.setPointerCapture(event.pointerId); }
    drawing = true;
    last = point(event);
    ctx.beginPath();
    ctx.arc(last.x, last.y, ctx.lineWidth / 2, 0, Math.PI * 2);
    ctx.fillStyle = ctx.strokeStyle;
    ctx.fill();
    inked = true;
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!drawing) { return; }
    event.preventDefault();
    var p = point(event);
    ctx.beginPath();
    ctx.moveTo(last.x, last.y);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    last = p;
  });
  function stop() { drawing = false; }
  canvas.addEventListener("pointerup", stop);
  canvas.addEventListener("pointercancel", stop);
  canvas.addEventListener("pointerleave", stop);

  var clear = document.getElementById("signature-clear");
  if (clear) {
    clear.addEventListener("click", function () {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      inked = false;
      input.value = "";
    });
  }

  form.addEventListener("submit", function () {
    input.value = inked ? canvas.toDataURL("image/png") : "";
  });
})();
