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

// «آیا این خبر مفید بود؟»: vote in place, then show the tally and, after «خیر», ask why.
document.addEventListener("DOMContentLoaded", () => {
  for (const widget of document.querySelectorAll("[data-feedback-url]")) {
    const url = widget.dataset.feedbackUrl;
    const voteForm = widget.querySelector(".feedback__vote");
    const followUp = widget.querySelector(".feedback__follow-up");
    const status = widget.querySelector(".feedback__status");
    const buttons = voteForm.querySelectorAll("button[name=useful]");
    const headers = { Accept: "application/json" };

    const show = (state, message) => {
      for (const button of buttons) {
        button.setAttribute("aria-pressed", String(button.value === state.vote));
      }
      status.textContent = [message, state.vote ? state.summary + "." : ""].join(" ").trim();
      if (followUp) followUp.hidden = state.vote !== "no";
    };

    const send = async (form, body) => {
      const response = await fetch(form.action, {
        method: "POST", body, headers, credentials: "same-origin",
      });
      const data = await response.json().catch(() => ({ error: "پاسخ سرور خوانا نبود." }));
      return { ok: response.ok, data };
    };

    fetch(url, { headers, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .then((state) => { if (state && state.vote) show(state, "از پاسخ شما سپاسگزاریم."); })
      .catch(() => {});

    voteForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = new FormData(voteForm);
      if (event.submitter) body.set(event.submitter.name, event.submitter.value);
      for (const button of buttons) button.disabled = true;
      try {
        const { ok, data } = await send(voteForm, body);
        if (ok) show(data, data.message);
        else status.textContent = data.error;
      } catch {
        status.textContent = "ارسال نشد؛ اتصال اینترنت را بررسی کنید و دوباره تلاش کنید.";
      } finally {
        for (const button of buttons) button.disabled = false;
      }
    });

    if (followUp) {
      followUp.addEventListener("submit", async (event) => {
        event.preventDefault();
        try {
          const { ok, data } = await send(followUp, new FormData(followUp));
          status.textContent = ok ? data.message : data.error;
          if (ok) followUp.hidden = true;
        } catch {
          status.textContent = "ارسال نشد؛ اتصال اینترنت را بررسی کنید و دوباره تلاش کنید.";
        }
      });
    }
  }
});
