// The library's screens. Both work without this script: the upload form sends its
// files together, and the focal point is typed in its two number fields.
//
// Upload: files dropped on the zone or chosen are sent one request each, in turn, each
// with its progress bar, and each answered by its own result (the server's
// admin/media/upload_result.html), so that one refused or lost file stops none of the
// others.
//
// Focal point: a click on the picture sets it; the marker, a button, moves with the
// arrow keys; its position is said in words and written into the number fields.
"use strict";

// Loaded in the head, as the admin loads its forms' scripts: run once the page is there.
function whenReady(start) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}

whenReady(() => {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const input = form.querySelector("input[type=file]");
  const zone = document.getElementById("upload-zone");
  const section = document.getElementById("upload-results-section");
  const list = document.getElementById("upload-results");
  const status = document.getElementById("upload-status");
  const addedLink = document.getElementById("upload-added-list");
  const text = form.dataset;
  const queue = [];
  let sending = false;
  let total = list.children.length;
  let done = total;

  // Chosen files go at once: the button that would send them together is not needed.
  document.getElementById("upload-submit").hidden = true;
  zone.classList.add("drop-zone");

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, key) => values[key] ?? whole);
  }

  function row(file) {
    const item = document.createElement("li");
    item.className = "upload-result upload-waiting";
    const name = document.createElement("strong");
    name.className = "upload-name";
    name.textContent = file.name;
    const bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", fill(text.progress, { name: file.name }));
    const state = document.createElement("span");
    state.className = "upload-outcome";
    state.textContent = text.waiting;
    const body = document.createElement("div");
    body.className = "upload-text";
    body.append(name, " ", state, bar);
    item.append(body);
    list.append(item);
    return { item, bar, state };
  }

  function finished(entry, html) {
    const holder = document.createElement("template");
    holder.innerHTML = html.trim();
    const result = holder.content.firstElementChild;
    if (result && result.matches("li.upload-result")) {
      entry.item.replaceWith(result);
    } else {
      failed(entry, text.failed);
    }
    done += 1;
    status.textContent = fill(text.done, { done, total });
    updateAddedLink();
  }

  function failed(entry, message) {
    entry.item.className = "upload-result upload-refused";
    entry.state.textContent = message;
    entry.bar.remove();
  }

  function updateAddedLink() {
    const pks = [...list.querySelectorAll("[data-added]")].map((item) => item.dataset.added);
    addedLink.href = pks.length ? `${addedLink.dataset.base}?id__in=${pks.join(",")}` : addedLink.dataset.base;
  }

  function send(file, entry) {
    return new Promise((resolve) => {
      const data = new FormData(form);
      data.delete("files");
      data.append("files", file);
      data.append("one", "1");
      const request = new XMLHttpRequest();
      request.open("POST", form.action || window.location.href);
      request.upload.addEventListener("progress", (event) => {
        if (event.lengthComputable) entry.bar.value = Math.round((100 * event.loaded) / event.total);
      });
      request.addEventListener("load", () => {
        if (request.status === 413) {
          failed(entry, text.tooLarge);
          done += 1;
          status.textContent = fill(text.done, { done, total });
        } else if (request.status === 200) {
          finished(entry, request.responseText);
        } else {
          failed(entry, text.failed);
          done += 1;
          status.textContent = fill(text.done, { done, total });
        }
        resolve();
      });
      request.addEventListener("error", () => {
        failed(entry, text.failed);
        done += 1;
        status.textContent = fill(text.done, { done, total });
        resolve();
      });
      entry.item.className = "upload-result upload-sending";
      entry.state.textContent = text.sending;
      request.send(data);
    });
  }

  async function next() {
    if (sending) return;
    sending = true;
    while (queue.length) {
      const [file, entry] = queue.shift();
      // The server would refuse the whole request unread: said here, with the file's name.
      if (file.size > Number(text.maxRequest)) {
        failed(entry, text.tooLarge);
        done += 1;
        status.textContent = fill(text.done, { done, total });
        continue;
      }
      await send(file, entry);
    }
    sending = false;
  }

  function add(files) {
    if (!files.length) return;
    section.hidden = false;
    for (const file of files) {
      total += 1;
      queue.push([file, row(file)]);
    }
    status.textContent = fill(text.done, { done, total });
    next();
  }

  input.addEventListener("change", () => {
    add([...input.files]);
    input.value = "";
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    add([...input.files]);
    input.value = "";
  });
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    add([...event.dataTransfer.files]);
  });
});

whenReady(() => {
  const editor = document.querySelector(".focal-editor");
  if (!editor) return;
  const fields = { x: document.getElementById("id_focal_x"), y: document.getElementById("id_focal_y") };
  if (!fields.x || !fields.y) return;
  const frame = editor.querySelector(".focal-frame");
  const marker = editor.querySelector(".focal-marker");
  const position = editor.querySelector(".focal-position");
  const reset = editor.querySelector(".focal-reset");
  for (const hidden of editor.querySelectorAll("[hidden]")) hidden.hidden = false;
  frame.classList.add("focal-active");

  const clamp = (value) => Math.min(1, Math.max(0, value));
  const round = (value) => Math.round(value * 100) / 100;

  function read(field) {
    const value = Number.parseFloat(field.value);
    return Number.isFinite(value) ? clamp(value) : null;
  }

  function show() {
    const x = read(fields.x);
    const y = read(fields.y);
    const set = x !== null || y !== null;
    marker.style.left = `${100 * (x ?? 0.5)}%`;
    marker.style.top = `${100 * (y ?? 0.5)}%`;
    const words = set
      ? editor.dataset.label
          .replace("{x}", Math.round(100 * (x ?? 0.5)))
          .replace("{y}", Math.round(100 * (y ?? 0.5)))
      : editor.dataset.centre;
    position.textContent = words;
    marker.setAttribute("aria-label", words);
  }

  function place(x, y) {
    fields.x.value = round(clamp(x));
    fields.y.value = round(clamp(y));
    show();
  }

  frame.addEventListener("click", (event) => {
    if (event.target === marker) return;
    const box = frame.getBoundingClientRect();
    place((event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height);
    marker.focus();
  });

  const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  marker.addEventListener("keydown", (event) => {
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const step = event.shiftKey ? 0.1 : 0.01;
    place((read(fields.x) ?? 0.5) + move[0] * step, (read(fields.y) ?? 0.5) + move[1] * step);
  });

  reset.addEventListener("click", () => {
    fields.x.value = "";
    fields.y.value = "";
    show();
  });
  fields.x.addEventListener("input", show);
  fields.y.addEventListener("input", show);
  show();
});
