// «در حال ویرایش توسط ...»: the article's edit lock follows the person working in the form.
// Opening the form takes a short lock (articles/locks.py); this page renews it every few
// seconds while they type, click or have the focus in the form, stops when they have been
// idle for a while, and gives it back as soon as they leave the page. The lock is advisory:
// a save over someone else's newer save is refused on the server whatever happens here.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const banner = document.querySelector(".article-lock[data-lock-url]");
  const form = document.getElementById("article_form");
  if (!banner || !form) return;
  const url = banner.dataset.lockUrl;
  const beatMs = Number(banner.dataset.beatSeconds) * 1000;
  const idleMs = Number(banner.dataset.idleSeconds) * 1000;
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const text = banner.querySelector(".article-lock__text");
  let lastActive = 0; // opening the page is looking, not editing
  let lastBeat = 0;
  let held = banner.hidden; // the server took the lock as the page opened, if it was free
  let leaving = false;

  const body = (fields) => {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", token);
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    return data;
  };

  const working = () => Date.now() - lastActive < idleMs;

  const show = (answer) => {
    held = answer.held;
    if (answer.held) {
      if (!banner.hidden) {
        text.textContent = "ویرایش این خبر اکنون در دست شماست.";
        banner.querySelector("button")?.remove();
      }
      return;
    }
    text.textContent =
      `در حال ویرایش توسط ${answer.by}. اگر شما هم ذخیره کنید، هر کدام دیرتر ذخیره کند ` +
      "با پیام «نسخه قدیمی‌تر» روبه‌رو می‌شود و متنش محفوظ می‌ماند.";
    banner.hidden = false;
  };

  const beat = () => {
    if (leaving || !working()) return;
    lastBeat = Date.now();
    fetch(url, { method: "POST", credentials: "same-origin", body: body({}) })
      .then((response) => (response.ok ? response.json() : null))
      .then((answer) => answer && show(answer))
      .catch(() => {}); // offline for a moment: the next beat tries again
  };

  const active = () => {
    const back = Date.now() - lastActive >= idleMs;
    lastActive = Date.now();
    // Back at work, or waiting for someone else's lock: ask at once, not at the next beat.
    if (back || (!held && Date.now() - lastBeat > 5000)) beat();
  };
  for (const type of ["input", "change", "keydown", "pointerdown", "focusin"]) {
    form.addEventListener(type, active, { passive: true });
  }
  // The body editor types in a frame of its own: its events are CKEditor's.
  const watch = (editor) => {
    for (const type of ["change", "key", "focus"]) editor.on(type, active);
  };
  if (window.CKEDITOR) {
    Object.values(window.CKEDITOR.instances).forEach(watch);
    window.CKEDITOR.on("instanceCreated", (event) => watch(event.editor));
  }

  form.addEventListener("submit", () => {
    leaving = true; // the save keeps or frees the lock itself
  });
  window.addEventListener("pagehide", () => {
    if (!leaving) navigator.sendBeacon(url, body({ release: "1" }));
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      leaving = false; // back from the browser's cache: take it again if still free
      active();
    }
  });
  setInterval(beat, beatMs);
});
