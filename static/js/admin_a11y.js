"use strict";
// Repairs, on every admin screen, what the admin's parts leave out for staff who use a
// screen reader or only the keyboard; each could be fixed upstream instead:
// - jQuery UI's tabs (modeltranslation's language tabs) keep a focusable link inside
//   each tab: the tabs work by themselves (arrow keys, Home, End), the links go, and
//   each tab is named by its language;
// - modeltranslation's switch for all the tabs at once has no name;
// - django-prose-editor's text area has no name, its buttons are not a toolbar (one
//   Tab stop, arrow keys between buttons), do not say whether they are on, and its
//   paragraph/heading picker cannot be reached with the keyboard;
// - Django's file inputs inside a fieldset (ClearableFileInput) have no label, and
//   the search icons of its two-box selector (filter_horizontal) carry a name on an
//   element that cannot have one; its autocomplete box has no name while empty; a
//   list's search box is named by a picture only, which its help text (django-otp's
//   device list has one) then stands in for;
// - django-admin-sortable2's drag handles work only with a mouse.
// Parts appear after the page has loaded (tabs, editors, new inline rows), so the
// repairs run again whenever the page grows; each leaves what it fixed alone.
(function () {
  var texts = document.currentScript.dataset;
  // The buttons that switch something on and off (the others do something once).
  var TOGGLES = ["bold", "italic", "underline", "strike", "bulletList", "orderedList",
    "blockquote", "link", "subscript", "superscript", "code"];

  function languageName(tab) {
    var link = tab.querySelector("a");
    return (link && link.title) || tab.textContent.trim();
  }

  // Tabs: built by jQuery UI, which reads each link's address once, on creation.
  function patchJqueryTabs() {
    var $ = window.jQuery;
    if (!$ || !$.ui || !$.ui.tabs || $.ui.tabs.prototype._a11yPatched) return;
    $.widget("ui.tabs", $.ui.tabs, {
      _a11yPatched: true,
      // Without its address a link would be taken for a panel to fetch from elsewhere.
      _isLocal: function (anchor) {
        return anchor.hasAttribute("data-tab-href") || this._super(anchor);
      },
      _processTabs: function () {
        // A refresh reads the addresses again: give them back first.
        this.element.find("a[data-tab-href]").each(function () {
          this.setAttribute("href", this.dataset.tabHref);
        });
        this._super();
        this.anchors.each(function () {
          var tab = this.closest("li");
          this.dataset.tabHref = this.getAttribute("href");
          this.removeAttribute("href");
          this.removeAttribute("tabindex");
          if (tab && !tab.hasAttribute("aria-label")) {
            tab.setAttribute("aria-label", languageName(tab));
          }
        });
      },
    });
  }

  function nameLanguageSwitch(root) {
    root.querySelectorAll("#modeltranslation-main-switch:not([aria-label])").forEach(
      function (select) { select.setAttribute("aria-label", texts.languageSwitch); }
    );
  }

  // The label of the field an element belongs to, with its language when it is on a
  // tab (modeltranslation writes it in brackets until it has built the tabs).
  function fieldName(element) {
    var row = element.closest(".form-row, .fieldBox") || element.parentElement;
    var label = row && row.querySelector("label");
    var name = label ? label.textContent.replace(/:\s*$/, "").trim() : "";
    var tab = tabOf(element);
    if (!tab) return name;
    return name.replace(/\s*\[[^\]]*\]$/, "") + " (" + languageName(tab) + ")";
  }

  function tabOf(element) {
    var panel = element.closest(".ui-tabs-panel");
    return panel && document.querySelector('[aria-controls="' + panel.id + '"]');
  }

  // Named again once the field has moved onto its language tab.
  function needsName(element) {
    var tab = tabOf(element);
    var place = tab ? tab.getAttribute("aria-controls") : "-";
    if (element.dataset.namedOn === place) return false;
    element.dataset.namedOn = place;
    return true;
  }

  function nameEditors(root) {
    root.querySelectorAll(".prose-editor [contenteditable]").forEach(function (area) {
      if (!needsName(area)) return;
      area.setAttribute("aria-label", fieldName(area));
      area.setAttribute("aria-multiline", "true");
      var toolbar = area.parentElement.querySelector(".prose-menubar[role=toolbar]");
      if (toolbar) toolbar.setAttribute("aria-label", toolbarName(area));
    });
  }

  function toolbarName(area) {
    return texts.toolbar + ": " + area.getAttribute("aria-label");
  }

  // The buttons, and the one the paragraph/heading picker shows (a copy of the current
  // type's button, replaced whenever the type changes).
  function toolbarItems(toolbar) {
    return Array.prototype.filter.call(toolbar.querySelectorAll("button"), function (item) {
      return !item.closest(".prose-menubar__picker") && !item.classList.contains("hidden");
    });
  }

  // One Tab stop per toolbar: the button last used, or the first.
  function keepOneTabStop(toolbar, chosen) {
    var items = toolbarItems(toolbar);
    chosen = chosen || items.find(function (item) { return item.tabIndex === 0 &&
      item.hasAttribute("tabindex"); }) || items[0];
    items.forEach(function (item) { item.tabIndex = item === chosen ? 0 : -1; });
  }

  function moveInToolbar(event) {
    var toolbar = event.currentTarget;
    var items = toolbarItems(toolbar);
    var index = items.indexOf(document.activeElement);
    if (index < 0) return;
    var next = {ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: items.length - 1};
    if (!(event.key in next)) return;
    event.preventDefault();
    var item = items[(next[event.key] + items.length) % items.length];
    keepOneTabStop(toolbar, item);
    item.focus();
  }

  // The editor shows a button's state by its classes alone: a toggle that is on is
  // "active", a command that cannot run now (undo with nothing to undo) is "disabled"
  // and drawn faint. Screen readers (and contrast checks, which leave unavailable
  // controls out) learn it from the ARIA states.
  function showState(button) {
    if (TOGGLES.indexOf(button.dataset.name) >= 0) {
      button.setAttribute("aria-pressed", String(button.classList.contains("active")));
    }
    var unavailable = button.classList.contains("disabled") && !button.classList.contains("active");
    if (unavailable) {
      button.setAttribute("aria-disabled", "true");
    } else {
      button.removeAttribute("aria-disabled");
    }
  }

  function makePicker(toolbar, picker) {
    function describe() {
      var shown = picker.querySelector("button");
      if (!shown) return;
      shown.setAttribute("aria-haspopup", "true");
      shown.setAttribute("aria-label", texts.blockType + ": " + (shown.getAttribute("aria-label")
        || shown.title || shown.textContent).replace(texts.blockType + ": ", ""));
      keepOneTabStop(toolbar);
    }
    describe();
    new MutationObserver(describe).observe(picker, {childList: true});
    // Opened from the keyboard (a click without a pointer), focus moves into it.
    picker.addEventListener("click", function (event) {
      if (event.detail !== 0) return;
      window.setTimeout(function () {
        var first = picker.parentElement.querySelector(".prose-menubar__option:not(.hidden)");
        if (first) first.focus();
      }, 0);
    });
  }

  function makeToolbar(toolbar) {
    toolbar.dataset.a11y = "toolbar";
    toolbar.setAttribute("role", "toolbar");
    var area = toolbar.parentElement.querySelector("[contenteditable]");
    if (area && area.hasAttribute("aria-label")) {
      toolbar.setAttribute("aria-label", toolbarName(area));
    }
    var watcher = new MutationObserver(function (changes) {
      changes.forEach(function (change) { showState(change.target); });
    });
    toolbar.querySelectorAll("button[data-name]").forEach(function (button) {
      showState(button);
      watcher.observe(button, {attributes: true, attributeFilter: ["class"]});
    });
    keepOneTabStop(toolbar);
    toolbar.querySelectorAll(".prose-menubar__selected").forEach(function (picker) {
      makePicker(toolbar, picker);
    });
    toolbar.addEventListener("keydown", moveInToolbar);
    // A click moves the Tab stop too, so Tab comes back to the button last used.
    toolbar.addEventListener("focusin", function (event) {
      if (toolbarItems(toolbar).indexOf(event.target) >= 0) {
        keepOneTabStop(toolbar, event.target);
      }
    });
  }

  function makeToolbars(root) {
    root.querySelectorAll(".prose-menubar:not([data-a11y])").forEach(function (toolbar) {
      if (toolbar.querySelector("button")) makeToolbar(toolbar);
    });
  }

  // A file input in a fieldset is named by its legend (Django renders no label for it).
  function labelFileInputs(root) {
    root.querySelectorAll("fieldset input[type=file]").forEach(function (input) {
      if (input.labels.length || input.hasAttribute("aria-labelledby")) return;
      var legend = input.closest("fieldset").querySelector("legend");
      if (!legend) return;
      legend.id = legend.id || input.id + "_legend";
      input.setAttribute("aria-labelledby", legend.id);
    });
  }

  // Django's two-box selector names its search icons, spans without a role.
  function nameSearchIcons(root) {
    root.querySelectorAll("span.search-label-icon[aria-label]:not([role])").forEach(
      function (icon) { icon.setAttribute("role", "img"); }
    );
  }

  // django-admin-sortable2's drag handles move a row with the arrow keys too: the row
  // swaps places (and order numbers) with its neighbour, saved as a drag would be.
  function makeHandles(root) {
    var config = document.getElementById("admin_sortable2_config");
    if (!config) return;
    var updateUrl = JSON.parse(config.textContent).update_url;
    root.querySelectorAll("#result_list .handle[pk]:not([tabindex])").forEach(function (handle) {
      var name = handle.closest("tr").querySelector("th");
      handle.tabIndex = 0;
      handle.setAttribute("role", "button");
      handle.setAttribute("aria-label", (name ? name.textContent.trim() + ": " : "") + texts.move);
      handle.addEventListener("keydown", function (event) {
        var up = event.key === "ArrowUp";
        if (!up && event.key !== "ArrowDown") return;
        event.preventDefault();
        var row = handle.closest("tr");
        var other = up ? row.previousElementSibling : row.nextElementSibling;
        var otherHandle = other && other.querySelector(".handle[pk]");
        if (!otherHandle) return;
        var order = handle.getAttribute("order");
        handle.setAttribute("order", otherHandle.getAttribute("order"));
        otherHandle.setAttribute("order", order);
        row.parentNode.insertBefore(up ? row : other, up ? other : row);
        handle.focus();
        saveOrder(updateUrl, row, [handle, otherHandle]);
      });
    });
  }

  function saveOrder(updateUrl, row, handles) {
    var token = row.closest("form").querySelector("[name=csrfmiddlewaretoken]");
    fetch(updateUrl, {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-CSRFToken": token.value},
      body: JSON.stringify({updatedItems: handles.map(function (handle) {
        return [handle.getAttribute("pk"), parseInt(handle.getAttribute("order"), 10)];
      })}),
    });
  }

  // Django's autocomplete (select2) names its box by the choice alone: an empty one in
  // a new row has no name. The field's label comes first.
  function nameAutocompletes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var holder = select.nextElementSibling;
      var box = holder && holder.querySelector(".select2-selection[role=combobox]");
      if (!box || box.dataset.named || !select.labels.length) return;
      var label = select.labels[0];
      label.id = label.id || select.id + "_label";
      var shown = box.querySelector(".select2-selection__rendered[id]");
      [box, shown].forEach(function (element) {
        if (element) element.setAttribute("aria-labelledby", label.id + (shown ? " " + shown.id : ""));
      });
      box.dataset.named = "true";
    });
  }

  // The list's search box, named as its form is ("Search TOTP devices").
  function nameSearchBox(root) {
    var box = root.querySelector("#searchbar:not([aria-label])");
    var heading = document.getElementById("changelist-search-form");
    if (box && heading) box.setAttribute("aria-label", heading.textContent.trim());
  }

  function repair() {
    var root = document.body;
    nameSearchBox(root);
    nameLanguageSwitch(root);
    makeToolbars(root);
    nameEditors(root);
    labelFileInputs(root);
    nameSearchIcons(root);
    makeHandles(root);
    nameAutocompletes(root);
  }

  patchJqueryTabs();
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    window.setTimeout(function () {
      pending = false;
      repair();
    }, 0);
  }).observe(document.documentElement, {childList: true, subtree: true});
  document.addEventListener("DOMContentLoaded", repair);
  window.addEventListener("load", repair);
})();
