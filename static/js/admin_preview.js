// The preview's width toggle: a phone's 390 px or the full width. The frame's own
// width, not a zoom, so that the page's media queries answer as on a phone.
"use strict";
document.querySelectorAll(".preview-width").forEach((button) => {
  const frame = document.getElementById(button.getAttribute("aria-controls"));
  button.addEventListener("click", () => {
    const phone = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", String(phone));
    frame.classList.toggle("phone-width", phone);
  });
});
