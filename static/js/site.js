// City Mine(d): progressive enhancements only; every page works without this file.

// The phone menu. site.css folds the menu away only when scripting is on, so a
// browser without this file still shows every link.
(() => {
  const toggle = document.querySelector(".menu-toggle");
  const menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (!menu) return;
  const isOpen = () => toggle.getAttribute("aria-expanded") === "true";
  const setOpen = (open) => toggle.setAttribute("aria-expanded", String(open));

  // A disclosure: focus stays on the button, the links follow it in tab order.
  toggle.addEventListener("click", () => setOpen(!isOpen()));
  // Escape closes the menu from anywhere inside it and hands focus back to the button.
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && isOpen() && toggle.offsetParent !== null) {
      setOpen(false);
      toggle.focus();
    }
  });
})();
