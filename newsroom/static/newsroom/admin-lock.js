// Keeps the editor's «در حال ویرایش» lock alive while the form is open.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const holder = document.querySelector("[data-lock-url]");
  if (!holder) return;
  const token = (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1];
  const beat = () =>
    fetch(holder.dataset.lockUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token || "" },
    }).catch(() => {});
  setInterval(beat, 60 * 1000);
});
