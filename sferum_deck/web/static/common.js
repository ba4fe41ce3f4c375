"use strict";
// What both pages share: requests with the CSRF token, downloads, messages.

const Sferum = (() => {
  let csrf = "";

  async function setup() {
    const response = await fetch("/api/setup", {credentials: "same-origin"});
    const data = await response.json();
    csrf = data.csrf;
    return data;
  }

  // POST `body` (an object: JSON; a Blob or FormData as it is); the Response, or an
  // Error whose .answer holds the server's JSON ({problems} or {error}).
  async function post(url, body, options = {}) {
    const headers = {"X-CSRF-Token": csrf};
    let payload = body;
    if (!(body instanceof Blob) && !(body instanceof FormData)) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
    Object.assign(headers, options.headers || {});
    const response = await fetch(url, {method: "POST", body: payload, headers,
      credentials: "same-origin", signal: options.signal});
    if (!response.ok) {
      let answer = {};
      try { answer = await response.json(); } catch (e) { answer = {}; }
      if (!answer.error && !answer.problems) {
        answer.error = "сервер не ответил как надо (код " + response.status + "); попробуйте ещё раз";
      }
      const error = new Error(answer.error || "ошибка во входных данных");
      error.answer = answer;
      error.status = response.status;
      throw error;
    }
    return response;
  }

  // The file name of a Content-Disposition header (RFC 5987 filename* first).
  function fileName(header, fallback) {
    if (!header) return fallback;
    const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (star) {
      try { return decodeURIComponent(star[1]); } catch (e) { /* the plain one below */ }
    }
    const plain = /filename="([^"]+)"/i.exec(header);
    return plain ? plain[1] : fallback;
  }

  async function save(response, fallback) {
    const blob = await response.blob();
    const name = fileName(response.headers.get("Content-Disposition"), fallback);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    return name;
  }

  function say(id, text) {
    const element = document.getElementById(id);
    if (element) element.textContent = text || "";
  }

  return {setup, post, save, say, fileName};
})();
