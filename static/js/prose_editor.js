// The text editor's own extensions, loaded by django-prose-editor's configurable preset
// (DJANGO_PROSE_EDITOR_EXTENSIONS in settings.py):
// - Link: the built-in link, whose dialog also finds the site's pages and projects by
//   title (content/link_search.py) and inserts the address of the one chosen;
// - OfficePaste: what Word and Google Docs put on the clipboard, made into the tags the
//   editor knows (headings, lists, tables, links, bold, italic, sub- and superscript)
//   before it is read, without the bullets typed out in front of list items;
// - Spellcheck: the browser's spelling check, in the language of the text being edited;
// - LibraryPicture: a picture from the library (js/image_chooser.js), stored by
//   reference with its alignment and caption (content/figures.py).
import {
  Link as BaseLink,
  crel,
  Extension,
  Node,
  Plugin,
} from "django-prose-editor/editor"

// ---- The link dialog.

let dialogCount = 0

// The language of the text being edited: its field is named after it (body_xx), and
// the search answers with an address in each language.
function fieldLanguage(editor, urls) {
  const textarea = editor.view.dom.closest(".prose-editor")?.querySelector("textarea")
  const suffix = (textarea?.name || "").split("_").pop()
  if (suffix in urls) return suffix
  const page = (document.documentElement.lang || "").split("-")[0]
  return page in urls ? page : Object.keys(urls)[0]
}

function field(id, label, input, extra = []) {
  return crel("div", { className: "prose-editor-dialog-field" }, [
    crel("label", { htmlFor: id, textContent: label }),
    input,
    ...extra,
  ])
}

function resultButton(result, language, labels, choose) {
  const note = result.published ? "" : ` (${labels.notPublished})`
  const button = crel(
    "button",
    {
      type: "button",
      className: "link-search-result",
      // Its two parts, as a screen reader should say them.
      "aria-label": `${result.title}, ${result.kind}${note}`,
    },
    [
      crel("span", { className: "link-search-title", textContent: result.title }),
      crel("span", { className: "link-search-kind", textContent: `${result.kind}${note}` }),
    ],
  )
  button.addEventListener("click", () => choose(result, result.urls[language]))
  return crel("li", {}, [button])
}

// Up and down move between the results and the search field, as in a list of choices.
function moveBetweenResults(event, searchInput, list) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return
  const buttons = [...list.querySelectorAll("button")]
  if (!buttons.length) return
  event.preventDefault()
  const at = buttons.indexOf(document.activeElement)
  const next = at + (event.key === "ArrowDown" ? 1 : -1)
  if (next < 0) searchInput.focus()
  else buttons[Math.min(next, buttons.length - 1)].focus()
}

function searchField(editor, search, prefix, choose) {
  const { labels } = search
  const input = crel("input", {
    id: `${prefix}search`,
    type: "search",
    autocomplete: "off",
    size: 50,
    "aria-describedby": `${prefix}status`,
    "aria-controls": `${prefix}results`,
  })
  const status = crel("p", {
    id: `${prefix}status`,
    className: "prose-editor-help link-search-status",
    textContent: labels.findHelp,
    "aria-live": "polite",
  })
  const list = crel("ul", {
    id: `${prefix}results`,
    className: "link-search-results",
    "aria-label": labels.found,
  })
  let asked = ""
  let timer = null

  async function run() {
    const query = input.value.trim()
    asked = query
    list.replaceChildren()
    if (query.length < 2) {
      status.textContent = labels.findHelp
      return
    }
    status.textContent = labels.searching
    try {
      const response = await fetch(`${search.url}?q=${encodeURIComponent(query)}`, {
        headers: { Accept: "application/json" },
      })
      if (!response.ok) throw new Error(`${response.status}`)
      const { results } = await response.json()
      if (query !== asked) return // a later search has begun
      list.replaceChildren(
        ...results.map((result) =>
          resultButton(result, fieldLanguage(editor, result.urls), labels, choose),
        ),
      )
      status.textContent = results.length ? labels.results : labels.noResults
    } catch {
      if (query === asked) status.textContent = labels.failed
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer)
    timer = setTimeout(run, 250)
  })
  input.addEventListener("keydown", (event) => {
    // Enter searches at once; it must not send the dialog with a half-typed title.
    if (event.key === "Enter") {
      event.preventDefault()
      clearTimeout(timer)
      run()
    }
  })
  list.addEventListener("keydown", (event) => moveBetweenResults(event, input, list))
  input.addEventListener("keydown", (event) => moveBetweenResults(event, input, list))
  return field(`${prefix}search`, labels.find, input, [status, list])
}

function linkDialog(editor, attrs, search) {
  const { labels } = search
  const prefix = `link-dialog-${++dialogCount}-`
  return new Promise((resolve) => {
    const [href, title] = ["href", "title"].map((name) =>
      crel("input", {
        id: `${prefix}${name}`,
        name,
        type: "text",
        size: 50,
        value: attrs[name] || "",
      }),
    )
    const submit = crel("button", { type: "submit", textContent: labels.submit })
    const cancel = crel("button", { type: "button", textContent: labels.cancel })
    const choose = (result, url) => {
      href.value = url
      submit.focus()
    }
    const form = crel("form", { method: "dialog" }, [
      crel("h3", {
        id: `${prefix}heading`,
        className: "prose-editor-dialog-title",
        textContent: labels.dialog,
      }),
      searchField(editor, search, prefix, choose),
      field(`${prefix}href`, labels.href, href),
      field(`${prefix}title`, labels.title, title),
      crel("div", { className: "prose-editor-dialog-buttons" }, [submit, cancel]),
    ])
    const dialog = crel(
      "dialog",
      {
        className: "prose-editor-dialog link-dialog",
        "aria-labelledby": `${prefix}heading`,
      },
      [form],
    )
    const holder = crel("div", {}, [dialog])
    let answer = null
    cancel.addEventListener("click", () => dialog.close())
    form.addEventListener("submit", (event) => {
      event.preventDefault()
      answer = { href: href.value.trim(), title: title.value.trim() || null }
      dialog.close()
    })
    dialog.addEventListener("close", () => {
      holder.remove()
      resolve(answer?.href ? answer : null)
    })
    editor.view.dom.parentElement.append(holder)
    dialog.showModal()
  })
}

export const Link = BaseLink.extend({
  addCommands() {
    const inherited = this.parent?.() || {}
    const search = this.options.finder
    if (!search) return inherited
    return {
      ...inherited,
      addLink:
        () =>
        ({ editor }) => {
          if (editor.state.selection.empty && !editor.isActive(this.name)) return
          linkDialog(editor, editor.getAttributes(this.name), search).then((attrs) => {
            if (!attrs) return
            const chain = editor.chain().focus()
            if (editor.isActive(this.name)) {
              chain.extendMarkRange(this.name).updateAttributes(this.name, attrs).run()
            } else {
              chain.setMark(this.name, attrs).run()
            }
          })
        },
    }
  },
})

// ---- Pasting from word processors.

const STYLE_OF = (element) => element.getAttribute("style") || ""
const WORD_LIST_ITEM = /mso-list:\s*l(\d+)\s+level(\d+)/i
const WORD_LIST_MARKER = /mso-list:\s*Ignore/i
const ORDERED_MARKER = /^\(?[0-9a-z]{1,4}[.)]$/i
// A list marker typed out in front of an item's text, and the space after it: Word
// writes "·" (in the Symbol font), "o" (Courier New) and "§" (Wingdings) for its
// bullets, other tools "•", "▪", "◦"…; an "o" counts only with the hard spaces Word
// puts after it, so that an item starting with the word "o" keeps it.
const TYPED_BULLET = /^[\s\u00a0]*(?:[·•▪■◦‣∙§]|o(?=[\u00a0\t]))[\s\u00a0]+/
const TYPED_NUMBER = /^[\s\u00a0]*(\(?[0-9a-z]{1,4}[.)])[\s\u00a0]+/i

function removeComments(root) {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_COMMENT)
  const comments = []
  while (walker.nextNode()) comments.push(walker.currentNode)
  for (const comment of comments) comment.remove()
}

function unwrap(element) {
  element.replaceWith(...element.childNodes)
}

// The text an element starts with, across the inline elements it is split into
// ("·" in one span, its spaces in the next), and a way to cut some of it off.
function leadingText(element) {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT)
  const nodes = []
  let text = ""
  while (text.length < 40 && walker.nextNode()) {
    nodes.push(walker.currentNode)
    text += walker.currentNode.data
  }
  return {
    text,
    cut(count) {
      for (const node of nodes) {
        const taken = Math.min(count, node.data.length)
        node.data = node.data.slice(taken)
        count -= taken
        if (!count) return
      }
    },
  }
}

// Removes the marker `pattern` finds at the start of `element`, and returns it.
function takeMarker(element, pattern) {
  const leading = leadingText(element)
  const found = leading.text.match(pattern)
  if (!found) return ""
  leading.cut(found[0].length)
  return (found[1] || found[0]).trim()
}

// Word writes each list item as a paragraph with an mso-list style (its list, its
// level) and the bullet or number typed out in front; build real nested lists.
function wordLists(body) {
  let stack = []
  for (const paragraph of [...body.querySelectorAll("p")]) {
    const found = STYLE_OF(paragraph).match(WORD_LIST_ITEM)
    if (!found) continue
    const [, id, depth] = found
    const level = Number(depth)
    const markers = [...paragraph.querySelectorAll("span")].filter((span) =>
      WORD_LIST_MARKER.test(STYLE_OF(span)),
    )
    let marker = markers.map((span) => span.textContent).join("").replace(/\s+/g, "")
    for (const span of markers) span.remove()
    // Word for the Mac (and Word when saved without its list styles) types the marker
    // out without marking it: it is the paragraph's first text.
    if (!markers.length) {
      marker = takeMarker(paragraph, TYPED_BULLET) || takeMarker(paragraph, TYPED_NUMBER)
    }
    // Another list, or the same one after a paragraph between, starts afresh.
    if (paragraph.previousElementSibling !== stack[0]?.list || stack[0]?.id !== id) {
      stack = []
    }
    while (stack.length && stack.at(-1).level > level) stack.pop()
    if (!stack.length || stack.at(-1).level < level) {
      const list = body.ownerDocument.createElement(
        ORDERED_MARKER.test(marker) ? "ol" : "ul",
      )
      if (stack.length) stack.at(-1).list.lastElementChild.append(list)
      else paragraph.before(list)
      stack.push({ list, level, id })
    }
    const item = body.ownerDocument.createElement("li")
    item.append(...paragraph.childNodes)
    stack.at(-1).list.append(item)
    paragraph.remove()
  }
}

// Paragraphs typed as a list, each starting with a bullet and a space, become one.
function typedLists(body) {
  let list = null
  for (const paragraph of [...body.querySelectorAll("p")]) {
    if (paragraph.closest("li, td, th") || !TYPED_BULLET.test(leadingText(paragraph).text)) {
      list = null
      continue
    }
    takeMarker(paragraph, TYPED_BULLET)
    if (!list || paragraph.previousElementSibling !== list) {
      list = body.ownerDocument.createElement("ul")
      paragraph.before(list)
    }
    const item = body.ownerDocument.createElement("li")
    item.append(...paragraph.childNodes)
    list.append(item)
    paragraph.remove()
  }
}

// A list item that still starts with a bullet would show two on the site.
function typedBullets(body) {
  for (const item of body.querySelectorAll("li")) takeMarker(item, TYPED_BULLET)
}

// Google Docs marks sub- and superscript with a style (H₂O, m²), which the editor
// would drop with the other styles; Word writes <sub> and <sup> already.
function scripts(body) {
  for (const span of [...body.querySelectorAll("span[style]")]) {
    const found = STYLE_OF(span).match(/vertical-align:\s*(sub|super)\b/i)
    if (!found) continue
    const tag = found[1].toLowerCase() === "sub" ? "sub" : "sup"
    const element = body.ownerDocument.createElement(tag)
    element.append(...span.childNodes)
    span.replaceWith(element)
  }
}

// The page's title is its only h1 and the editor offers h2 and h3: a document whose
// headings start at h1 moves every heading one level down, deeper ones become h3.
function headingLevels(body) {
  const headings = [...body.querySelectorAll("h1, h2, h3, h4, h5, h6")]
  const shift = headings.some((heading) => heading.tagName === "H1") ? 1 : 0
  for (const heading of headings) {
    const level = Math.min(Math.max(Number(heading.tagName[1]) + shift, 2), 3)
    if (`H${level}` === heading.tagName) continue
    const replacement = body.ownerDocument.createElement(`h${level}`)
    replacement.append(...heading.childNodes)
    heading.replaceWith(replacement)
  }
}

// Google Docs puts a nested list straight inside its parent list; it belongs in the
// item before it.
function nestedLists(body) {
  for (const list of [...body.querySelectorAll(":is(ul, ol) > :is(ul, ol)")]) {
    const item = list.previousElementSibling
    if (item?.tagName === "LI") item.append(list)
  }
}

export function cleanOfficeHTML(html) {
  if (!/mso-|docs-internal-guid|urn:schemas-microsoft-com/i.test(html)) return html
  const doc = new DOMParser().parseFromString(html, "text/html")
  const body = doc.body
  removeComments(body)
  for (const element of body.querySelectorAll("style, meta, link, script, title")) {
    element.remove()
  }
  // Google Docs wraps everything in a <b> that is not bold at all.
  for (const wrapper of body.querySelectorAll('b[id^="docs-internal-guid"]')) unwrap(wrapper)
  wordLists(body)
  typedLists(body)
  nestedLists(body)
  typedBullets(body)
  scripts(body)
  headingLevels(body)
  // Word's own tags (o:p, w:sdt, …) hold nothing to keep beyond their text.
  for (const element of [...body.querySelectorAll("*")]) {
    if (element.tagName.includes(":")) unwrap(element)
  }
  // Google Docs' line breaks between blocks and Word's empty paragraphs are their
  // spacing, not the author's.
  for (const br of body.querySelectorAll(":scope > br")) br.remove()
  for (const paragraph of [...body.querySelectorAll("p")]) {
    const empty = !paragraph.textContent.replace(/\u00a0/g, " ").trim()
    if (empty && !paragraph.closest("td, th")) paragraph.remove()
  }
  return body.innerHTML
}

export const OfficePaste = Extension.create({
  name: "officePaste",

  addProseMirrorPlugins() {
    return [new Plugin({ props: { transformPastedHTML: cleanOfficeHTML } })]
  },
})

// ---- Spelling.

// The browser underlines slips ("governements") as the editor types, with the
// dictionary of the text's language (its field's suffix names it), not of the admin's
// own language. `languages`: the site's language codes (content/fields.py).
export const Spellcheck = Extension.create({
  name: "spellcheck",

  addOptions() {
    return { languages: [] }
  },

  addProseMirrorPlugins() {
    const { languages } = this.options
    return [
      new Plugin({
        view(view) {
          const textarea = view.dom.closest(".prose-editor")?.querySelector("textarea")
          const name = textarea?.name || ""
          // modeltranslation names a language's column body_xx (zh-hans: body_zh_hans).
          const language = languages.find((code) =>
            name.endsWith(`_${code.replaceAll("-", "_")}`),
          )
          view.dom.setAttribute("spellcheck", "true")
          if (language) view.dom.setAttribute("lang", language)
          return {}
        },
      }),
    ]
  },
})

// ---- Pictures from the library.

const ALIGNMENTS = ["centre", "left", "right", "wide"]
// What the editor shows of each picture (its title and thumbnail), asked once.
const described = new Map()

function describe(url, id) {
  if (!described.has(id)) {
    const address = new URL(url, location.href)
    address.searchParams.set("describe", id)
    described.set(
      id,
      fetch(address, { headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : null))
        .catch(() => null),
    )
  }
  return described.get(id)
}

// Alignment and caption of a picture chosen (or being changed).
function pictureDialog(editor, attrs, options, inserting) {
  const { labels } = options
  const prefix = `picture-dialog-${++dialogCount}-`
  return new Promise((resolve) => {
    const preview = crel("p", { className: "library-picture-chosen", textContent: attrs.title || "" })
    const radios = ALIGNMENTS.map((align) => {
      const input = crel("input", {
        type: "radio",
        name: `${prefix}align`,
        id: `${prefix}align-${align}`,
        value: align,
        checked: (attrs.align || "centre") === align,
      })
      return crel("div", { className: "library-picture-alignment" }, [
        input,
        crel("label", { htmlFor: input.id, textContent: labels[align] }),
      ])
    })
    const caption = crel("input", {
      id: `${prefix}caption`,
      type: "text",
      size: 50,
      value: attrs.caption || "",
      "aria-describedby": `${prefix}caption-help`,
    })
    const submit = crel("button", {
      type: "submit",
      textContent: inserting ? labels.insert : labels.update,
    })
    const another = crel("button", { type: "button", textContent: labels.another })
    const cancel = crel("button", { type: "button", textContent: labels.cancel })
    const form = crel("form", { method: "dialog" }, [
      crel("h3", {
        id: `${prefix}heading`,
        className: "prose-editor-dialog-title",
        textContent: labels.dialog,
      }),
      preview,
      crel("fieldset", { className: "prose-editor-dialog-field" }, [
        crel("legend", { textContent: labels.alignment }),
        ...radios,
      ]),
      field(`${prefix}caption`, labels.caption, caption, [
        crel("p", {
          id: `${prefix}caption-help`,
          className: "prose-editor-help",
          textContent: labels.captionHelp,
        }),
      ]),
      crel("div", { className: "prose-editor-dialog-buttons" }, [
        submit,
        ...(inserting ? [] : [another]),
        cancel,
      ]),
    ])
    const dialog = crel(
      "dialog",
      { className: "prose-editor-dialog picture-dialog", "aria-labelledby": `${prefix}heading` },
      [form],
    )
    const holder = crel("div", {}, [dialog])
    let answer = null
    cancel.addEventListener("click", () => dialog.close())
    another.addEventListener("click", async () => {
      const chosen = await window.imageChooser?.open({ url: options.url })
      if (chosen?.length) {
        attrs = { ...attrs, image: chosen[0].id, title: chosen[0].title }
        described.set(String(chosen[0].id), Promise.resolve(chosen[0]))
        preview.textContent = chosen[0].title
      }
    })
    form.addEventListener("submit", (event) => {
      event.preventDefault()
      const text = caption.value.trim()
      answer = {
        image: String(attrs.image),
        align: form.querySelector("input[type=radio]:checked")?.value || "centre",
        // No caption at all, unless the text had one (a translation's gap stays one).
        caption: text || (attrs.caption === "" ? "" : null),
      }
      dialog.close()
    })
    dialog.addEventListener("close", () => {
      holder.remove()
      resolve(answer)
    })
    editor.view.dom.parentElement.append(holder)
    dialog.showModal()
    radios[0].closest("fieldset").querySelector("input:checked")?.focus()
  })
}

export const LibraryPicture = Node.create({
  name: "libraryPicture",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { url: null, labels: {} }
  },

  addAttributes() {
    return {
      image: { default: null, parseHTML: (element) => element.getAttribute("data-image") },
      align: {
        default: "centre",
        parseHTML: (element) => {
          const align = element.getAttribute("data-align")
          return ALIGNMENTS.includes(align) ? align : "centre"
        },
      },
      // null: no caption; "": a caption not translated yet (content/segments.py).
      caption: {
        default: null,
        parseHTML: (element) => element.querySelector("figcaption")?.textContent ?? null,
      },
    }
  },

  parseHTML() {
    return [{ tag: "figure[data-image]" }]
  },

  renderHTML({ node }) {
    const figure = ["figure", { "data-image": node.attrs.image, "data-align": node.attrs.align }]
    if (node.attrs.caption === null) return figure
    return [...figure, ["figcaption", {}, node.attrs.caption]]
  },

  addNodeView() {
    const { url, labels } = this.options
    return ({ node }) => {
      const image = crel("img", { alt: "", width: 160, height: 120, className: "library-picture-thumbnail" })
      const title = crel("span", { className: "library-picture-title" })
      const caption = crel("span", { className: "library-picture-caption" })
      const dom = crel("figure", { className: "library-picture", contentEditable: "false" }, [
        image,
        crel("span", { className: "library-picture-text" }, [title, caption]),
      ])
      const draw = (current) => {
        dom.dataset.align = current.attrs.align
        caption.textContent = current.attrs.caption || ""
        title.textContent = `${labels.picture || ""} ${current.attrs.image} · ${labels[current.attrs.align] || ""}`
        describe(url, current.attrs.image).then((picture) => {
          if (!picture) return
          title.textContent = `${picture.title} · ${labels[current.attrs.align] || ""}`
          if (picture.src) {
            image.srcset = picture.srcset || ""
            image.src = picture.src
          }
        })
      }
      draw(node)
      return {
        dom,
        update(updated) {
          if (updated.type.name !== "libraryPicture") return false
          draw(updated)
          return true
        },
      }
    }
  },

  addCommands() {
    return {
      insertLibraryPicture:
        () =>
        ({ editor }) => {
          const options = this.options
          const selected = editor.state.selection.node
          const current = selected?.type.name === this.name ? selected.attrs : null
          const chosen = current
            ? Promise.resolve([{ id: current.image }])
            : window.imageChooser.open({ url: options.url })
          chosen.then(async (pictures) => {
            if (!pictures?.length) return editor.commands.focus()
            const [picture] = pictures
            if (picture.title) described.set(String(picture.id), Promise.resolve(picture))
            const known = await describe(options.url, String(picture.id))
            const attrs = await pictureDialog(
              editor,
              { ...(current || {}), image: picture.id, title: known?.title || "" },
              options,
              !current,
            )
            if (!attrs) return editor.commands.focus()
            if (current) {
              editor.chain().focus().updateAttributes(this.name, attrs).run()
            } else {
              editor.chain().focus().insertContent({ type: this.name, attrs }).run()
            }
          })
          return true
        },
    }
  },

  addMenuItems({ menu, buttons }) {
    if (!this.options.url) return
    menu.defineItem({
      name: "libraryPicture",
      groups: "nodes",
      command(editor) {
        editor.commands.insertLibraryPicture()
      },
      button: buttons.material("add_photo_alternate", this.options.labels.button),
      active(editor) {
        return editor.isActive("libraryPicture")
      },
    })
  },
})
