// The image chooser (media/choosers.py draws its parts, in the staff's language):
// - window.imageChooser.open({url, multiple}) shows it in a modal <dialog> (focus
//   stays inside, Escape closes, focus goes back where it was) and resolves with the
//   pictures chosen ([{id, title, src, srcset}]) or null;
// - each field of media/widgets.py gets its "Choose a picture" and "Clear" buttons;
// - a table of inline rows whose rows choose a picture and have an order (a project's
//   gallery) gets "Add pictures to the gallery" (several at once, a row each) and
//   rows that move by drag and drop or by their "Move up" and "Move down" buttons.
// Loaded on every admin screen (templates/admin/base_site.html), whose script tag
// carries the words it needs.
;(() => {
  if (window.imageChooser) return
  document.documentElement.classList.add("js-image-chooser")
  const words = { ...(document.currentScript?.dataset || {}) }

  // ---- The dialog.

  // A picture found: a button to choose it, or a box to tick it.
  const FOCUSABLE_ITEM = "button.chooser-item, .chooser-item input"

  function itemOf(element) {
    return {
      id: element.value,
      title: element.dataset.title,
      src: element.dataset.src,
      srcset: element.dataset.srcset,
    }
  }

  function open({ url, multiple = false }) {
    const opener = document.activeElement
    const address = new URL(url, location.href)
    if (multiple) address.searchParams.set("multiple", "1")
    return fetch(address, { headers: { Accept: "text/html" } })
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then(
        (html) =>
          new Promise((resolve) => {
            const dialog = document.createElement("dialog")
            dialog.className = "image-chooser-dialog"
            dialog.setAttribute("aria-labelledby", "image-chooser-heading")
            dialog.innerHTML = html
            document.body.append(dialog)
            const state = { answer: null, chosen: new Map() }
            wire(dialog, multiple, state)
            dialog.addEventListener("close", () => {
              dialog.remove()
              if (opener && document.contains(opener)) opener.focus()
              resolve(state.answer)
            })
            dialog.showModal()
            dialog.querySelector("input[type=search]")?.focus()
          }),
      )
      .catch(() => null)
  }

  function wire(dialog, multiple, state) {
    const form = dialog.querySelector("[data-chooser-search]")
    const results = dialog.querySelector("[data-chooser-results]")
    let asked = 0
    let timer = null

    async function load(address, focusFirst = false) {
      const number = ++asked
      const url = new URL(address, location.href)
      url.searchParams.set("results", "1")
      const response = await fetch(url, { headers: { Accept: "text/html" } })
      if (!response.ok || number !== asked) return
      results.innerHTML = await response.text()
      for (const box of results.querySelectorAll("input[type=checkbox]")) {
        box.checked = state.chosen.has(box.value)
      }
      if (focusFirst) (results.querySelector(FOCUSABLE_ITEM) || results).focus()
    }

    function searchAddress() {
      const url = new URL(form.action, location.href)
      for (const [name, value] of new FormData(form)) url.searchParams.set(name, value)
      return url
    }

    function choose(items) {
      state.answer = items
      dialog.close()
    }

    dialog.querySelector("[data-chooser-close]")?.addEventListener("click", () => dialog.close())
    form.addEventListener("submit", (event) => {
      event.preventDefault()
      clearTimeout(timer)
      load(searchAddress())
    })
    // Down from the search field goes to the pictures found.
    form.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowDown" || event.target.type !== "search") return
      const first = results.querySelector(FOCUSABLE_ITEM)
      if (!first) return
      event.preventDefault()
      first.focus()
    })
    form.addEventListener("input", (event) => {
      clearTimeout(timer)
      timer = setTimeout(() => load(searchAddress()), event.target.type === "search" ? 250 : 0)
    })
    results.tabIndex = -1
    results.addEventListener("click", (event) => {
      const page = event.target.closest("[data-chooser-page]")
      if (page) {
        event.preventDefault()
        load(page.href, true)
        return
      }
      const button = event.target.closest("button.chooser-item")
      if (button) choose([itemOf(button)])
    })
    results.addEventListener("change", (event) => {
      const box = event.target
      if (box.type !== "checkbox") return
      if (box.checked) state.chosen.set(box.value, itemOf(box))
      else state.chosen.delete(box.value)
    })
    results.addEventListener("keydown", (event) => moveBetween(event, results, state, choose))
    dialog
      .querySelector("[data-chooser-add]")
      ?.addEventListener("click", () => state.chosen.size && choose([...state.chosen.values()]))
    wireUpload(dialog, choose)
  }

  // Arrow keys move between the pictures found, as in a grid read line by line (up
  // from the first goes back to the search field); Enter
  // on a ticked list adds the pictures ticked (or the one it is on).
  function moveBetween(event, results, state, choose) {
    const items = [...results.querySelectorAll(FOCUSABLE_ITEM)]
    const at = items.indexOf(document.activeElement)
    if (at < 0) return
    const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[event.key]
    if (step) {
      event.preventDefault()
      const search = results.closest("dialog").querySelector("input[type=search]")
      if (at + step < 0 && search) search.focus()
      else items[Math.max(0, Math.min(items.length - 1, at + step))].focus()
    } else if (event.key === "Enter" && items[at].type === "checkbox") {
      event.preventDefault()
      if (!state.chosen.size) state.chosen.set(items[at].value, itemOf(items[at]))
      choose([...state.chosen.values()])
    }
  }

  function wireUpload(dialog, choose) {
    const holder = dialog.querySelector("[data-chooser-upload]")
    if (!holder) return
    holder.addEventListener("submit", async (event) => {
      event.preventDefault()
      const form = event.target
      const button = form.querySelector("[type=submit]")
      button.disabled = true
      try {
        const response = await fetch(form.action, { method: "POST", body: new FormData(form) })
        if (response.status === 201) {
          choose([await response.json()])
          return
        }
        holder.innerHTML = await response.text()
        holder.querySelector(".errornote")?.focus()
      } finally {
        button.disabled = false
      }
    })
  }

  // ---- The fields.

  function show(widget, item) {
    const input = widget.querySelector("input.image-chooser-number")
    const preview = widget.querySelector(".image-chooser-preview")
    const title = preview.querySelector(".image-chooser-title")
    let thumbnail = preview.querySelector("img")
    input.value = item ? item.id : ""
    input.dispatchEvent(new Event("change", { bubbles: true }))
    title.textContent = item ? item.title : title.dataset.empty
    if (item?.src) {
      if (!thumbnail) {
        thumbnail = Object.assign(document.createElement("img"), {
          alt: "",
          width: 120,
          height: 90,
          className: "image-chooser-thumbnail",
        })
        thumbnail.sizes = "120px"
        preview.prepend(thumbnail)
      }
      thumbnail.srcset = item.srcset || ""
      thumbnail.src = item.src
    } else {
      thumbnail?.remove()
    }
    widget.classList.toggle("is-chosen", Boolean(item))
    widget.querySelector(".image-chooser-clear").hidden = !item
  }

  // Django's inlines copy a row's ids but not the attributes that name them.
  function describedBy(widget) {
    const id = widget.querySelector(".image-chooser-preview").id
    for (const button of widget.querySelectorAll("button")) {
      button.setAttribute("aria-describedby", id)
    }
  }

  document.addEventListener("click", async (event) => {
    const choose = event.target.closest(".image-chooser-choose")
    const clear = event.target.closest(".image-chooser-clear")
    const widget = (choose || clear)?.closest("[data-image-chooser]")
    if (!widget) return
    describedBy(widget)
    if (clear) {
      show(widget, null)
      widget.querySelector(".image-chooser-choose").focus()
      return
    }
    const chosen = await open({ url: widget.dataset.chooserUrl })
    if (chosen?.length) show(widget, chosen[0])
  })

  // ---- Galleries: several pictures at once, and their order.

  function rowsOf(group) {
    return [...group.querySelectorAll("tbody > tr.form-row:not(.empty-form)")]
  }

  function orderInput(row) {
    return row.querySelector('input[name$="-order"]')
  }

  function renumber(group) {
    rowsOf(group).forEach((row, index) => {
      const input = orderInput(row)
      if (input) input.value = index + 1
    })
  }

  function announce(group, row) {
    const rows = rowsOf(group)
    group.querySelector(".gallery-order-status").textContent = (words.moved || "%(position)s / %(total)s")
      .replace("%(position)s", rows.indexOf(row) + 1)
      .replace("%(total)s", rows.length)
  }

  function move(group, row, step) {
    const rows = rowsOf(group)
    const at = rows.indexOf(row)
    const other = rows[at + step]
    if (!other) return
    if (step < 0) other.before(row)
    else other.after(row)
    renumber(group)
    announce(group, row)
  }

  function button(label, text, className) {
    const element = document.createElement("button")
    element.type = "button"
    element.className = `button ${className}`
    element.setAttribute("aria-label", label)
    element.innerHTML = `<span aria-hidden="true">${text}</span>`
    return element
  }

  function addMoveButtons(group, row) {
    const cell = row.querySelector("td.original")
    if (!cell || cell.querySelector(".gallery-move")) return
    const handle = document.createElement("span")
    handle.className = "gallery-drag-handle"
    handle.title = words.drag || ""
    handle.setAttribute("aria-hidden", "true")
    handle.textContent = "⠿"
    const up = button(words.moveUp || "Move up", "↑", "gallery-move gallery-move-up")
    const down = button(words.moveDown || "Move down", "↓", "gallery-move gallery-move-down")
    up.addEventListener("click", () => {
      move(group, row, -1)
      up.focus()
    })
    down.addEventListener("click", () => {
      move(group, row, 1)
      down.focus()
    })
    const controls = document.createElement("span")
    controls.className = "gallery-order-controls"
    controls.append(handle, up, down)
    cell.prepend(controls)
    handle.addEventListener("mousedown", () => {
      row.draggable = true
    })
    row.addEventListener("dragstart", (event) => {
      group.dragged = row
      event.dataTransfer.effectAllowed = "move"
      row.classList.add("is-dragged")
    })
    row.addEventListener("dragend", () => {
      row.draggable = false
      row.classList.remove("is-dragged")
      group.dragged = null
      renumber(group)
    })
    row.addEventListener("dragover", (event) => {
      const dragged = group.dragged
      if (!dragged || dragged === row) return
      event.preventDefault()
      const { top, height } = row.getBoundingClientRect()
      if (event.clientY < top + height / 2) row.before(dragged)
      else row.after(dragged)
    })
  }

  function addedRow(group) {
    const rows = rowsOf(group)
    return rows[rows.length - 1]
  }

  async function addMany(group, trigger) {
    const empty = group.querySelector("tr.empty-form [data-image-chooser]")
    const chosen = await open({ url: empty.dataset.chooserUrl, multiple: true })
    if (!chosen?.length) return
    const add = group.querySelector(".add-row a")
    let highest = Math.max(0, ...rowsOf(group).map((row) => Number(orderInput(row)?.value) || 0))
    for (const item of chosen) {
      add.click()
      const row = addedRow(group)
      const widget = row.querySelector("[data-image-chooser]")
      describedBy(widget)
      show(widget, item)
      const order = orderInput(row)
      if (order) order.value = ++highest
    }
    trigger.focus()
  }

  function gallery(group) {
    const empty = group.querySelector("tr.empty-form")
    if (!empty?.querySelector("[data-image-chooser]") || !orderInput(empty)) return
    group.classList.add("is-gallery")
    const status = document.createElement("p")
    status.className = "gallery-order-status visually-hidden"
    status.setAttribute("role", "status")
    const trigger = document.createElement("button")
    trigger.type = "button"
    trigger.className = "button gallery-add-many"
    trigger.textContent = words.addMany || "Add pictures"
    trigger.addEventListener("click", () => addMany(group, trigger))
    group.querySelector(".wrapper")?.before(trigger, status)
    // The first column now holds the rows' handles and buttons: it needs a name.
    const heading = group.querySelector("thead th.original")
    if (heading && !heading.textContent.trim()) {
      heading.innerHTML = '<span class="visually-hidden"></span>'
      heading.firstChild.textContent = words.position || ""
    }
    for (const row of rowsOf(group)) addMoveButtons(group, row)
  }

  document.addEventListener("formset:added", (event) => {
    const group = event.target.closest(".js-inline-admin-formset")
    if (group?.classList.contains("is-gallery")) addMoveButtons(group, event.target)
  })

  function start() {
    for (const group of document.querySelectorAll('.js-inline-admin-formset[data-inline-type="tabular"]')) {
      gallery(group)
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()

  window.imageChooser = { open }
})()
