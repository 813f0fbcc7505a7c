"use strict";
// The language tabs open on the language the editor last used on this kind of form (a
// page, a project, …), also after saving, rather than on the admin's language each
// time. An error found on save still opens its own tab (js/admin_errors.js, which runs
// after this). The language is read from the tab's label, the same in every group,
// and applied through modeltranslation's switch, which moves every group at once.
(function () {
  function storageKey() {
    var kind = Array.prototype.filter.call(document.body.classList, function (name) {
      return /^(app|model)-/.test(name);
    });
    return kind.length ? "admin-language-tab:" + kind.join(" ") : null;
  }

  function remember(language) {
    try {
      window.localStorage.setItem(storageKey(), language);
    } catch (error) {
      // Storage off (private browsing, full): the tabs simply start as before.
    }
  }

  function remembered() {
    try {
      return window.localStorage.getItem(storageKey());
    } catch (error) {
      return null;
    }
  }

  function languageOf(option) {
    return option.textContent.trim();
  }

  function optionFor(switcher, language) {
    return Array.prototype.find.call(switcher.options, function (candidate) {
      return languageOf(candidate) === language;
    });
  }

  // modeltranslation opens the tabs on the admin's language but leaves its switch on
  // its first option: the switch is made to say what the tabs show. (Restoring compared
  // with that first option, so the first language, the site's default, was never
  // brought back.)
  function showShownLanguage(switcher) {
    var shown = document.querySelector('.ui-tabs-nav [aria-selected="true"] a');
    var option = shown && optionFor(switcher, shown.childNodes[0].textContent.trim());
    if (option) switcher.value = option.value;
  }

  function restore(switcher) {
    var option = optionFor(switcher, remembered());
    if (!option) return;
    switcher.value = option.value;
    switcher.dispatchEvent(new Event("change"));
  }

  function start() {
    var switcher = document.getElementById("modeltranslation-main-switch");
    if (!switcher || !storageKey()) return;
    showShownLanguage(switcher);
    restore(switcher);
    switcher.addEventListener("change", function (event) {
      if (event.isTrusted) remember(languageOf(switcher.selectedOptions[0]));
    });
    // Only the editor's own clicks count, not the error summary opening a tab. The
    // label is the tab's first text: js/admin_errors.js may add a note after it.
    document.addEventListener("click", function (event) {
      var tab = event.target.closest(".ui-tabs-nav a");
      if (tab && event.isTrusted) remember(tab.childNodes[0].textContent.trim());
    });
  }

  window.addEventListener("load", function () {
    window.setTimeout(start, 0);
  });
})();
