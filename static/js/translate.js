// The rich-text editor draws its own text box after the page loads, unnamed: give it
// the names of its field and language, as the label gives the text area it replaces.
(function () {
  "use strict";
  function name(root) {
    root.querySelectorAll(".translate-target[data-labelled-by]").forEach(function (target) {
      target.querySelectorAll("[contenteditable=true]").forEach(function (box) {
        if (!box.hasAttribute("aria-labelledby")) {
          box.setAttribute("aria-labelledby", target.dataset.labelledBy);
        }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    name(document);
    new MutationObserver(function () { name(document); }).observe(
      document.getElementById("translate_form"), { childList: true, subtree: true }
    );
  });
})();
