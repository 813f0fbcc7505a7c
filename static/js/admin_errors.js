"use strict";
// After a refused save: open the language tab of the first field with an error (the
// editor may be looking at another language), mark every tab that holds an error, and
// let the summary's links open the tab of the field they name. It must run after
// modeltranslation has built its tabs in a jQuery "ready" handler, which jQuery runs
// from a timer: hence a timer of its own, started on "load".
(function () {
  function tabOf(panel) {
    // The tab names its panel; its link has no address (js/admin_a11y.js).
    return document.querySelector('[aria-controls="' + panel.id + '"] a');
  }

  function fieldNear(element) {
    if (element.matches("input, select, textarea")) return element;
    var row = element.closest(".form-row, td, .flex-container") || element.parentElement;
    return row.querySelector(".ProseMirror, input:not([type=hidden]), select, textarea");
  }

  function show(element) {
    var panel = element.closest(".ui-tabs-panel");
    if (panel && tabOf(panel)) tabOf(panel).click();
    var field = fieldNear(element);
    if (field) {
      field.scrollIntoView({block: "center"});
      field.focus({preventScroll: true});
    }
  }

  function markTab(panel, label) {
    var tab = tabOf(panel);
    if (!tab || tab.classList.contains("has-error")) return;
    tab.classList.add("has-error");
    var note = document.createElement("span");
    note.className = "visually-hidden";
    note.textContent = " (" + label + ")";
    tab.appendChild(note);
    // A tab named by its language (js/admin_a11y.js) says the error in its name too.
    var item = tab.closest("[aria-label]");
    if (item) item.setAttribute("aria-label", item.getAttribute("aria-label") + note.textContent);
  }

  function linkToFields(container) {
    container.querySelectorAll('a[href^="#"]').forEach(function (link) {
      link.addEventListener("click", function (event) {
        var field = document.getElementById(link.hash.slice(1));
        if (!field) return;
        event.preventDefault();
        show(field);
      });
    });
  }

  // A clash between editors: the tabs of the fields both changed say so, and typing in
  // one of them chooses "your words" for it, as the server also reads it.
  function startClash(clash) {
    linkToFields(clash);
    clash.querySelectorAll(".clash-field").forEach(function (item) {
      var field = document.getElementById(item.dataset.fieldId);
      var yours = item.querySelector('input[value="yours"]');
      if (!field || !yours) return;
      var panel = field.closest(".ui-tabs-panel");
      if (panel) markTab(panel, clash.dataset.tabLabel);
      var row = field.closest(".form-row") || field.parentElement;
      row.addEventListener("input", function () {
        yours.checked = true;
      });
    });
  }

  function start() {
    var clash = document.querySelector(".clash-panel");
    if (clash) startClash(clash);
    var summary = document.querySelector(".error-summary");
    if (!summary) return;
    var errors = document.querySelectorAll("#content-main form .errorlist");
    errors.forEach(function (error) {
      var panel = error.closest(".ui-tabs-panel");
      if (panel) markTab(panel, summary.dataset.tabErrorLabel);
    });
    linkToFields(summary);
    if (errors.length) show(errors[0]);
  }

  window.addEventListener("load", function () {
    window.setTimeout(start, 0);
  });
})();
