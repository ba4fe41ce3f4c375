"use strict";
// The teacher's page: the form, the live preview, the slide editor, downloads. What the
// teacher enters stays in this browser (localStorage), never on the server.

(() => {
  const KEY = "sferum-deck:teacher:v1";
  const MEETING = ["title", "school", "class", "date", "time", "teacher", "teacher_contacts",
                   "meeting_link"];
  const $ = (id) => document.getElementById(id);
  let setup = null;
  let base = {};          // topic id -> {values, field, title}
  let state = fresh();
  let timer = 0, running = null, version = 0;
  let pages = new Map();  // preview page id -> its picture (a blob: URL), as the server drew it
  let older = new Map();  // the pages of the drawing before (an answer to a request sent then)
  let fonts = {id: "", text: ""};  // the deck's font stylesheet, sent once, put into each page
  let editing = null;     // the topic id open in the editor

  function fresh() {
    return {meeting: {}, school_id: "", order: [], off: [], edited: {}, audience: "",
            aspect: "16:9", logo: null, template: null};
  }

  // ---------------------------------------------------------------- state

  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(KEY) || "null");
      if (saved && typeof saved === "object") state = Object.assign(fresh(), saved);
    } catch (e) { state = fresh(); }
    const known = setup.topics.map((t) => t.id);
    state.order = state.order.filter((id) => known.includes(id));
    for (const id of known) if (!state.order.includes(id)) state.order.push(id);
    state.off = state.off.filter((id) => known.includes(id));
    for (const id of Object.keys(state.edited)) if (!known.includes(id)) delete state.edited[id];
  }

  function store() {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* full: not kept */ }
  }

  function request() {
    const chosen = state.order.filter((id) => !state.off.includes(id));
    const edited = {};
    for (const id of chosen) {
      if (!state.edited[id]) continue;
      edited[id] = state.edited[id];
      // a picture is never chosen on the page: the pack's own goes back, by its name there
      if (base[id].values.image) edited[id] = Object.assign({}, edited[id], {image: base[id].values.image});
    }
    const meeting = Object.assign({}, state.meeting);
    if (setup.schools) delete meeting.school;
    return {meeting, school_id: setup.schools ? state.school_id : "", topics: chosen, edited,
            audience: state.audience, aspect: state.aspect,
            have: [...pages.keys()].concat([...older.keys()], fonts.id ? [fonts.id] : []),
            logo: state.logo && state.logo.token, template: state.template && state.template.token};
  }

  // ---------------------------------------------------------------- the form

  function fillForm() {
    for (const name of MEETING) $("f-" + name).value = state.meeting[name] || "";
    $("f-audience").value = state.audience || "";
    $("f-aspect").value = state.aspect || "16:9";
    if (setup.schools) {
      $("school-pick").hidden = false;
      $("school-text").hidden = true;
      const select = $("f-school_id");
      for (const school of setup.schools) {
        const option = document.createElement("option");
        option.value = school.id;
        option.textContent = school.name;
        select.appendChild(option);
      }
      select.value = state.school_id || "";
    }
    $("n-logo").textContent = state.logo ? "Загружен: " + state.logo.name : "";
    $("n-template").textContent = state.template ? "Загружен: " + state.template.name :
      (setup.template ? "Сейчас: шаблон, выбранный куратором" : "");
    if (!setup.pdf.available) {
      $("get-pdf").disabled = true;
      $("get-handout").disabled = true;
      $("why-pdf").textContent = setup.pdf.why;
    }
    drawTopics();
  }

  function drawTopics() {
    const list = $("topics");
    list.textContent = "";
    state.order.forEach((id, index) => {
      const topic = base[id];
      const item = document.createElement("li");
      item.className = "topic" + (state.off.includes(id) ? " off" : "");
      item.dataset.topic = id;
      const box = document.createElement("input");
      box.type = "checkbox";
      box.id = "t-" + id;
      box.checked = !state.off.includes(id);
      box.addEventListener("change", () => {
        state.off = box.checked ? state.off.filter((x) => x !== id) : state.off.concat([id]);
        changed();
        drawTopics();
        $("t-" + id).focus();
      });
      const label = document.createElement("label");
      label.htmlFor = box.id;
      label.textContent = (state.edited[id] && state.edited[id].title) || topic.title;
      item.append(box, label);
      if (state.edited[id]) {
        const mark = document.createElement("span");
        mark.className = "badge";
        mark.textContent = "изменено";
        item.appendChild(mark);
      }
      item.append(arrow(id, index, -1, "↑", "Выше"), arrow(id, index, 1, "↓", "Ниже"));
      list.appendChild(item);
    });
  }

  function arrow(id, index, step, sign, word) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "arrow";
    button.textContent = sign;
    const title = (state.edited[id] && state.edited[id].title) || base[id].title;
    button.setAttribute("aria-label", word + ": " + title);
    const target = index + step;
    button.disabled = target < 0 || target >= state.order.length;
    button.addEventListener("click", () => {
      const order = state.order.slice();
      [order[index], order[target]] = [order[target], order[index]];
      state.order = order;
      changed();
      drawTopics();
      const again = document.querySelector(`li[data-topic="${id}"] .arrow:nth-of-type(${step < 0 ? 1 : 2})`);
      if (again && !again.disabled) again.focus();
    });
    return button;
  }

  function readForm() {
    for (const name of MEETING) {
      const value = $("f-" + name).value.trim();
      if (value) state.meeting[name] = value; else delete state.meeting[name];
    }
    state.school_id = $("f-school_id").value;
    state.audience = $("f-audience").value;
    state.aspect = $("f-aspect").value;
  }

  function changed() {
    store();
    clearTimeout(timer);
    timer = setTimeout(preview, 250);
  }

  // ---------------------------------------------------------------- messages

  function clearMessages(scope) {
    for (const element of document.querySelectorAll((scope || "") + " .message")) element.textContent = "";
    for (const element of document.querySelectorAll((scope || "") + " [aria-invalid]")) {
      element.removeAttribute("aria-invalid");
      if (element.dataset.described !== undefined) {
        if (element.dataset.described) element.setAttribute("aria-describedby", element.dataset.described);
        else element.removeAttribute("aria-describedby");
      }
    }
  }

  function mark(input, message, text) {
    if (message) message.textContent = message.textContent ? message.textContent + "; " + text : text;
    if (input) {
      input.setAttribute("aria-invalid", "true");
      if (input.dataset.described === undefined) {
        input.dataset.described = input.getAttribute("aria-describedby") || "";
      }
      if (message) input.setAttribute("aria-describedby", (input.dataset.described + " " + message.id).trim());
    }
  }

  function show(problems) {
    for (const p of problems) {
      const field = (p.field || "").split(/[.[]/)[0];
      if (p.where === "meeting" && $("f-" + field)) {
        mark($("f-" + field), $("m-" + field), p.message);
      } else if (p.where.startsWith("topics.")) {
        const id = p.where.slice(7);
        if (editing === id) editorProblem(p);
        else mark(null, $("m-topics"), "Тема «" + ((state.edited[id] || {}).title || base[id].title) +
                  "»: " + (p.field ? p.field + ": " : "") + p.message + " (нажмите на её слайд, чтобы поправить)");
      } else if (p.where === "topics") {
        mark(null, $("m-topics"), p.message);
      } else if (["audience", "aspect", "logo", "template"].includes(p.where)) {
        mark($("f-" + p.where), $("m-" + p.where), p.message);
      } else if (state.logo && p.where.startsWith(state.logo.name)) {
        mark($("f-logo"), $("m-logo"), p.message);
      } else if (state.template && p.where.startsWith(state.template.name)) {
        mark($("f-template"), $("m-template"), p.message);
      } else {
        mark(null, $("m-general"), (p.where ? p.where + " " : "") + (p.field ? p.field + ": " : "") + p.message);
      }
    }
  }

  // ---------------------------------------------------------------- preview

  async function preview() {
    if (running) running.abort();
    const controller = new AbortController();
    running = controller;
    $("slides").setAttribute("aria-busy", "true");
    try {
      const response = await Sferum.post("/api/preview", request(), {signal: controller.signal});
      const data = await response.json();
      if (controller !== running) return;
      clearMessages("#form");
      Sferum.say("m-general", "");
      drawSlides(data);
    } catch (error) {
      if (error.name === "AbortError") return;
      clearMessages("#form");
      Sferum.say("m-general", "");
      if (error.answer && error.answer.problems) {
        show(error.answer.problems);
        if (!$("m-general").textContent) {
          Sferum.say("m-general", "Слайды не обновлены: поправьте поля, отмеченные слева.");
        }
      } else {
        Sferum.say("m-general", error.message);
      }
      $("slides").classList.add("stale");
    } finally {
      if (controller === running) {
        running = null;
        $("slides").setAttribute("aria-busy", "false");
      }
    }
  }

  function drawSlides(data) {
    if (data.css.text !== undefined) fonts = {id: data.css.id, text: data.css.text};
    const kept = new Map();
    for (const slide of data.slides) {
      const url = slide.svg !== undefined ? picture(slide.svg) :
        pages.get(slide.id) || older.get(slide.id);
      kept.set(slide.id, url);
    }
    const used = new Set(kept.values());
    for (const url of older.values()) if (!used.has(url)) URL.revokeObjectURL(url);
    older = new Map([...pages].filter(([id]) => !kept.has(id)));
    pages = kept;
    const list = $("slides");
    list.textContent = "";
    list.classList.remove("stale");
    for (const slide of data.slides) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "slide";
      button.dataset.kind = slide.kind;
      button.dataset.topic = slide.topic || "";
      const image = document.createElement("img");
      image.src = pages.get(slide.id);
      image.alt = "";
      const caption = document.createElement("span");
      caption.className = "caption";
      caption.textContent = slide.number + ". " + slide.title;
      button.setAttribute("aria-label", "Слайд " + slide.number + ": " + slide.title +
                          (slide.topic ? " — изменить текст" : " — к данным собрания"));
      button.append(image, caption);
      button.addEventListener("click", () => open(slide));
      item.appendChild(button);
      list.appendChild(item);
    }
    $("count").textContent = "(" + data.slides.length + ")";
    const warnings = $("warnings");
    warnings.textContent = "";
    for (const text of data.warnings || []) {
      const item = document.createElement("li");
      item.textContent = text;
      warnings.appendChild(item);
    }
    version += 1;
    list.dataset.version = String(version);
  }

  // A slide's SVG with the deck's fonts put back in (a picture cannot load them itself).
  function picture(svg) {
    const end = svg.indexOf(">") + 1;
    const style = fonts.text ? "<style>" + fonts.text + "</style>" : "";
    return URL.createObjectURL(new Blob([svg.slice(0, end) + style + svg.slice(end)],
                                        {type: "image/svg+xml"}));
  }

  function open(slide) {
    if (slide.topic && base[slide.topic]) return openEditor(slide.topic);
    if (slide.kind === "agenda") return $("topics").querySelector("input").focus();
    $("f-title").focus();
  }

  // ---------------------------------------------------------------- the editor

  function values(id) {
    return JSON.parse(JSON.stringify(state.edited[id] || base[id].values));
  }

  const LEGENDS = {steps: "Шаги", answer: "Ответ", checklist: "Пункты списка"};
  const TEXTS = {alt: "Что на рисунке (для тех, кто не видит слайд)",
                 caption: "Подпись под рисунком"};

  function openEditor(id) {
    editing = id;
    const topic = values(id);
    const editor = base[id].editor;  // what besides title and notes: items, texts, a table
    clearMessages("#editor");
    $("e-topic").textContent = "Тема: " + base[id].title;
    $("e-title").value = topic.title || "";
    $("e-notes").value = topic.notes || "";
    $("e-items-box").hidden = !editor.items;
    $("e-items-legend").textContent = LEGENDS[editor.items] || "Пункты";
    $("e-items").textContent = "";
    if (editor.items) for (const item of topic[editor.items] || []) addItem(item);
    limitItems();
    $("e-picture").hidden = !topic.image;
    $("e-picture").textContent = topic.image ?
      "Рисунок остаётся тот, что в наборе тем (" + topic.image + "); меняется только текст." : "";
    drawTexts(editor.texts, topic);
    $("e-table-box").hidden = !editor.table;
    $("e-table").textContent = "";
    if (editor.table) drawTable(topic[editor.table] || [[""]]);
    $("editor").classList.toggle("wide", Boolean(editor.table));
    $("editor").showModal();
    $("e-title").focus();
  }

  // An item's row: its text, «Важно» (the important flag) and its sub-items when it has
  // them; what the page does not show (the item's notes) goes back as it came.
  function addItem(item) {
    const kept = item && typeof item === "object" ? item : {text: item || ""};
    const row = document.createElement("li");
    row.item = kept;
    const label = document.createElement("label");
    label.className = "visually-hidden";
    const input = document.createElement("textarea");
    input.className = "text";
    input.rows = 2;
    input.value = kept.text || "";
    const flag = document.createElement("label");
    flag.className = "flag";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = Boolean(kept.important);
    flag.append(box, document.createTextNode("Важно"));
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "quiet";
    remove.textContent = "Удалить";
    remove.addEventListener("click", () => { row.remove(); renumber(); limitItems(); });
    const message = document.createElement("p");
    message.className = "message";
    row.append(label, input, flag, remove, message);
    if (kept.items && kept.items.length) {
      const sub = document.createElement("div");
      sub.className = "sub";
      const subLabel = document.createElement("label");
      const subText = document.createElement("textarea");
      subText.className = "subitems";
      subText.rows = Math.min(kept.items.length, 5);
      subText.value = kept.items.map((x) => (typeof x === "string" ? x : (x && x.text) || "")).join("\n");
      sub.append(subLabel, subText);
      row.appendChild(sub);
    }
    $("e-items").appendChild(row);
    numberRow(row, $("e-items").children.length);
    limitItems();
    return input;
  }

  function numberRow(row, n) {
    const input = row.querySelector("textarea.text");
    input.id = row.querySelector("label").htmlFor = "e-item-" + n;
    row.querySelector("label").textContent = "Пункт " + n;
    row.querySelector(".flag input").setAttribute("aria-label", "Пункт " + n + ": важный");
    row.querySelector("button").setAttribute("aria-label", "Удалить пункт " + n);
    row.querySelector(".message").id = "em-item-" + n;
    const sub = row.querySelector("textarea.subitems");
    if (sub) {
      sub.id = row.querySelector(".sub label").htmlFor = "e-sub-" + n;
      row.querySelector(".sub label").textContent = "Подпункты пункта " + n + " (каждый с новой строки)";
    }
  }

  function renumber() {
    [...$("e-items").children].forEach((row, i) => numberRow(row, i + 1));
  }

  function limitItems() {  // an image takes at most three bullets beside it
    const most = editing && base[editing].editor.most;
    $("e-add").hidden = Boolean(most) && $("e-items").children.length >= most;
  }

  function drawTexts(names, topic) {
    const box = $("e-texts");
    box.textContent = "";
    for (const name of names) {
      const field = document.createElement("div");
      field.className = "field";
      const label = document.createElement("label");
      label.htmlFor = "e-" + name;
      label.textContent = TEXTS[name] || name;
      const input = document.createElement("input");
      input.id = "e-" + name;
      input.dataset.field = name;
      input.value = topic[name] || "";
      const message = document.createElement("p");
      message.className = "message";
      message.id = "em-" + name;
      message.setAttribute("aria-live", "polite");
      field.append(label, input, message);
      box.appendChild(field);
    }
  }

  // The table as a grid of cells: the header row (column names), then the rows under it;
  // rows are added and removed, the columns stay as the topic has them.
  function drawTable(rows) {
    const table = $("e-table");
    const head = document.createElement("thead");
    const body = document.createElement("tbody");
    table.append(head, body);
    const names = rows[0].map(String);
    const top = document.createElement("tr");
    names.forEach((name, j) => {
      const cell = document.createElement("th");
      cell.scope = "col";
      cell.appendChild(cellInput(name, "Заголовок столбца " + (j + 1)));
      top.appendChild(cell);
    });
    const tail = document.createElement("th");
    tail.scope = "col";
    const hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = "Удалить строку";
    tail.appendChild(hidden);
    top.appendChild(tail);
    head.appendChild(top);
    for (const row of rows.slice(1)) addRow(row);
  }

  function addRow(row) {
    const body = $("e-table").tBodies[0];
    const columns = $("e-table").tHead.rows[0].cells.length - 1;
    const line = document.createElement("tr");
    for (let j = 0; j < columns; j += 1) {
      const cell = document.createElement("td");
      cell.appendChild(cellInput(row && row[j] !== undefined && row[j] !== null ? String(row[j]) : "", ""));
      line.appendChild(cell);
    }
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "quiet";
    remove.textContent = "Удалить";
    remove.addEventListener("click", () => { line.remove(); nameCells(); });
    const last = document.createElement("td");
    last.appendChild(remove);
    line.appendChild(last);
    body.appendChild(line);
    nameCells();
    return line.querySelector("input");
  }

  function cellInput(value, name) {
    const input = document.createElement("input");
    input.value = value;
    if (name) input.setAttribute("aria-label", name);
    return input;
  }

  function nameCells() {  // «Строка 3, Почта»: each cell named by its row and column
    const table = $("e-table");
    const names = [...table.tHead.rows[0].querySelectorAll("input")].map((x, j) =>
      x.value.trim() || "столбец " + (j + 1));
    [...table.tBodies[0].rows].forEach((line, i) => {
      line.querySelectorAll("input").forEach((input, j) =>
        input.setAttribute("aria-label", "Строка " + (i + 2) + ", " + names[j]));
      line.querySelector("button").setAttribute("aria-label", "Удалить строку " + (i + 2));
    });
  }

  function tableRows() {
    const table = $("e-table");
    const read = (line) => [...line.querySelectorAll("input")].map((x) => x.value.trim());
    return [read(table.tHead.rows[0])].concat(
      [...table.tBodies[0].rows].map(read).filter((row) => row.some(Boolean)));
  }

  function editorProblem(p) {
    const editor = base[editing].editor;
    const name = (p.field || "").split(/[.[]/)[0];
    const at = /^\w+\[(\d+)\](?:\[(\d+)\])?/.exec(p.field || "");
    if (at && name === editor.items) {
      const row = $("e-items").children[Number(at[1])];
      if (row) return mark(row.querySelector("textarea.text"), row.querySelector(".message"), p.message);
    }
    if (name && name === editor.table) {
      const line = at && [...$("e-table").rows][Number(at[1])];
      const cell = line && at[2] !== undefined ? line.querySelectorAll("input")[Number(at[2])] : null;
      return mark(cell, $("em-table"), (at ? "строка " + (Number(at[1]) + 1) + ": " : "") + p.message);
    }
    if (["title", "notes"].concat(editor.texts).includes(name)) {
      return mark($("e-" + name), $("em-" + name), p.message);
    }
    if (name && name === editor.items) return mark(null, $("em-items"), p.message);
    mark(null, $("em-general"), (p.field ? p.field + ": " : "") + p.message);
  }

  function readItem(row) {
    const text = row.querySelector("textarea.text").value.trim();
    if (!text) return null;
    const item = Object.assign({}, row.item, {text});
    if (row.querySelector(".flag input").checked) item.important = true; else delete item.important;
    const sub = row.querySelector("textarea.subitems");
    if (sub) {
      const lines = sub.value.split("\n").map((x) => x.trim()).filter(Boolean);
      if (lines.length) item.items = lines; else delete item.items;
    }
    return Object.keys(item).length === 1 ? text : item;
  }

  function collect(id) {
    const topic = values(id);
    const editor = base[id].editor;
    topic.title = $("e-title").value.trim();
    topic.notes = $("e-notes").value;
    if (editor.items) {
      const items = [...$("e-items").children].map(readItem).filter(Boolean);
      if (items.length || editor.items === base[id].field) topic[editor.items] = items;
      else delete topic[editor.items];  // an image's bullets may go
    }
    for (const name of editor.texts) {
      const value = $("e-" + name).value.trim();
      if (value) topic[name] = value; else delete topic[name];
    }
    if (editor.table) topic[editor.table] = tableRows();
    return topic;
  }

  async function apply() {
    const id = editing;
    const before = state.edited[id];
    state.edited[id] = collect(id);
    clearMessages("#editor");
    try {
      const response = await Sferum.post("/api/preview", request());
      drawSlides(await response.json());
      clearMessages("#form");
      store();
      drawTopics();
      closeEditor();
    } catch (error) {
      if (error.answer && error.answer.problems) {
        const mine = error.answer.problems.filter((p) => p.where === "topics." + id);
        if (mine.length) {
          mine.forEach(editorProblem);
          if (before) state.edited[id] = before; else delete state.edited[id];
          const first = document.querySelector("#editor [aria-invalid]");
          if (first) first.focus();
          return;
        }
        store();
        drawTopics();
        closeEditor();
        show(error.answer.problems);
      } else {
        Sferum.say("em-general", error.message);
      }
    }
  }

  function closeEditor() {
    editing = null;
    $("editor").close();
  }

  // ---------------------------------------------------------------- files

  async function upload(kind) {
    const input = $("f-" + kind);
    const file = input.files[0];
    Sferum.say("m-" + kind, "");
    input.removeAttribute("aria-invalid");
    if (!file) return;
    const limit = setup.limits[kind];
    if (file.size > limit) {
      mark(input, $("m-" + kind), "файл «" + file.name + "» больше " + Math.round(limit / 1048576) +
           " МБ; выберите файл поменьше");
      input.value = "";
      return;
    }
    Sferum.say("n-" + kind, "Проверяю файл…");
    try {
      const response = await Sferum.post("/api/upload?kind=" + kind, file,
        {headers: {"X-File-Name": encodeURIComponent(file.name)}});
      const data = await response.json();
      state[kind] = {token: data.token, name: data.name};
      Sferum.say("n-" + kind, "Загружен: " + data.name);
      changed();
    } catch (error) {
      Sferum.say("n-" + kind, "");
      const problems = (error.answer && error.answer.problems) || [];
      const text = problems.length ? problems.map((p) => p.message).join("; ") : error.message;
      mark(input, $("m-" + kind), text);
      input.value = "";
    }
  }

  async function download(button, url, fallback, what) {
    const status = button.id === "get-deck-top" ? "status-top" : "status";
    button.disabled = true;
    Sferum.say(status, "Готовлю " + what + "…");
    try {
      const response = await Sferum.post(url, request());
      const name = await Sferum.save(response, fallback);
      Sferum.say(status, "Скачан файл: " + name);
    } catch (error) {
      if (error.answer && error.answer.problems) {
        clearMessages("#form");
        show(error.answer.problems);
        Sferum.say(status, "Файл не сделан: поправьте отмеченные поля.");
      } else {
        Sferum.say(status, error.message);
      }
    } finally {
      button.disabled = !setup.pdf.available && (button.id === "get-pdf" || button.id === "get-handout");
    }
  }

  // ---------------------------------------------------------------- start

  async function start() {
    setup = await Sferum.setup();
    for (const topic of setup.topics) {
      base[topic.id] = {values: topic, field: topic.field, title: topic.title,
                        editor: topic.editor};
      delete base[topic.id].values.field;
      delete base[topic.id].values.editor;
    }
    load();
    fillForm();
    $("form").addEventListener("input", (event) => {
      if (event.target.type === "file" || event.target.type === "checkbox") return;
      readForm();
      changed();
    });
    $("form").addEventListener("change", (event) => {
      if (event.target.tagName === "SELECT") { readForm(); changed(); }
    });
    $("form").addEventListener("submit", (event) => event.preventDefault());
    $("f-logo").addEventListener("change", () => upload("logo"));
    $("f-template").addEventListener("change", () => upload("template"));
    $("forget-files").addEventListener("click", () => {
      state.logo = state.template = null;
      $("f-logo").value = $("f-template").value = "";
      Sferum.say("n-logo", "");
      Sferum.say("n-template", "");
      changed();
    });
    for (const id of ["get-deck", "get-deck-top"]) {
      $(id).addEventListener("click", (e) => download(e.target, "/api/deck", "Собрание.pptx", "презентацию"));
    }
    $("get-pdf").addEventListener("click", (e) => download(e.target, "/api/pdf", "Собрание.pdf", "PDF (это займёт до минуты)"));
    $("get-handout").addEventListener("click", (e) => download(e.target, "/api/handout?format=pdf", "Памятка.pdf", "памятку (это займёт до минуты)"));
    $("get-handout-pptx").addEventListener("click", (e) => download(e.target, "/api/handout?format=pptx", "Памятка.pptx", "памятку"));
    $("get-export").addEventListener("click", (e) => download(e.target, "/api/export", "Моё собрание.zip", "ваши данные"));
    $("clear").addEventListener("click", () => {
      if (!confirm("Стереть всё, что вы ввели, и вернуть исходные темы?")) return;
      state = fresh();
      load();
      for (const name of MEETING) $("f-" + name).value = "";
      fillForm();
      changed();
    });
    $("e-add").addEventListener("click", () => addItem("").focus());
    $("e-add-row").addEventListener("click", () => addRow(null).focus());
    $("e-table").addEventListener("input", (event) => {
      if (event.target.closest("thead")) nameCells();
    });
    $("e-apply").addEventListener("click", apply);
    $("e-close").addEventListener("click", closeEditor);
    $("e-revert").addEventListener("click", () => {
      const id = editing;
      delete state.edited[id];
      store();
      drawTopics();
      closeEditor();
      preview();
    });
    $("editor").addEventListener("close", () => { editing = null; });
    preview();
  }

  document.addEventListener("DOMContentLoaded", () => {
    start().catch((error) => Sferum.say("m-general", "Страница не загрузилась: " + error.message +
                                        ". Обновите её (F5)."));
  });
})();
