// Enhancements only: every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // «کپی لینک»: the short-link field is there for everyone; the button only where it can work.
  for (const button of document.querySelectorAll("[data-copy-target]")) {
    const input = document.getElementById(button.dataset.copyTarget);
    const status = button.parentElement.querySelector("[aria-live]");
    if (!input || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(input.value);
        if (status) status.textContent = "لینک کپی شد.";
      } catch {
        input.select();
        if (status) status.textContent = "لینک را انتخاب کردیم؛ کپی کنید.";
      }
    });
  }
});
