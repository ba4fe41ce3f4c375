"use strict";
// The curator's page: log in, upload a school list (and its logos), watch the progress,
// download the ZIP; rows with errors are listed with their line as batch reports them.

(() => {
  const $ = (id) => document.getElementById(id);
  let job = null;

  function problemsText(error) {
    const problems = (error.answer && error.answer.problems) || [];
    return problems.length ? problems.map((p) => (p.where && !["list", "logos", "password"].includes(p.where) ?
      p.where + (p.field ? " " + p.field : "") + ": " : "") + p.message).join("\n") : error.message;
  }

  async function login(event) {
    event.preventDefault();
    Sferum.say("m-password", "");
    try {
      await Sferum.post("/api/curator/login", {password: $("f-password").value});
      $("login").hidden = true;
      $("batch").hidden = false;
      $("f-list").focus();
    } catch (error) {
      Sferum.say("m-password", problemsText(error));
      $("f-password").setAttribute("aria-invalid", "true");
      $("f-password").setAttribute("aria-describedby", "m-password");
    }
  }

  async function start(event) {
    event.preventDefault();
    for (const id of ["m-list", "m-logos", "m-general"]) Sferum.say(id, "");
    const list = $("f-list").files[0];
    if (!list) return Sferum.say("m-list", "выберите файл со списком школ");
    const form = new FormData();
    form.append("list", list);
    for (const logo of $("f-logos").files) form.append("logos", logo);
    form.append("aspect", $("f-aspect").value);
    $("go").disabled = true;
    $("run").hidden = false;
    $("zip").hidden = true;
    $("errors").hidden = $("h-errors").hidden = true;
    $("errors").querySelector("tbody").textContent = "";
    Sferum.say("summary", "Загружаю список…");
    try {
      const response = await Sferum.post("/api/curator/batch", form);
      job = (await response.json()).job;
      poll();
    } catch (error) {
      $("go").disabled = false;
      Sferum.say("summary", "");
      const where = error.answer && error.answer.problems && error.answer.problems[0];
      const target = where && where.where === "logos" ? "m-logos" : "m-list";
      Sferum.say(error.status === 401 ? "m-general" : target, problemsText(error));
    }
  }

  async function poll() {
    let data;
    try {
      const response = await fetch("/api/curator/batch/" + job, {credentials: "same-origin"});
      data = await response.json();
      if (!response.ok) throw new Error(data.error || "ошибка");
    } catch (error) {
      $("go").disabled = false;
      return Sferum.say("summary", error.message);
    }
    const total = Math.max(data.total, 1);
    const built = data.rows.filter((r) => r.status !== "ошибка").length;
    $("bar").max = total;
    $("bar").value = Math.min(built, total);
    $("bar-label").textContent = "Готово " + built + " из " + data.total;
    drawErrors(data.rows);
    if (data.status === "running") {
      Sferum.say("summary", "Собираю презентации…");
      return setTimeout(poll, 400);
    }
    $("go").disabled = false;
    if (data.status === "failed") {
      const text = Array.isArray(data.error) ? data.error.map((p) => (p.where ? p.where + " " : "") +
        (p.field ? p.field + ": " : "") + p.message).join("\n") : data.error;
      Sferum.say("summary", "");
      return Sferum.say("m-list", "Список не подошёл: " + text);
    }
    $("bar").value = $("bar").max;
    Sferum.say("summary", data.summary + (data.warnings.length ? ". Предупреждения: " + data.warnings.join("; ") : ""));
    $("zip").hidden = false;
    $("zip").focus();
  }

  function drawErrors(rows) {
    const body = $("errors").querySelector("tbody");
    body.textContent = "";
    const bad = rows.filter((r) => r.error);
    for (const row of bad) {
      const tr = document.createElement("tr");
      for (const text of [String(row.line), row.id, row.error]) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    $("errors").hidden = $("h-errors").hidden = bad.length === 0;
  }

  async function zip() {
    try {
      const response = await fetch("/api/curator/batch/" + job + "/zip", {credentials: "same-origin"});
      if (!response.ok) throw new Error((await response.json()).error);
      const name = await Sferum.save(response, "Презентации школ.zip");
      Sferum.say("summary", "Скачан файл: " + name);
    } catch (error) {
      Sferum.say("m-general", error.message);
    }
  }

  document.addEventListener("DOMContentLoaded", async () => {
    await Sferum.setup();
    $("login").addEventListener("submit", login);
    $("batch").addEventListener("submit", start);
    $("zip").addEventListener("click", zip);
    $("logout").addEventListener("click", async () => {
      await Sferum.post("/api/curator/logout", {});
      location.reload();
    });
  });
})();
