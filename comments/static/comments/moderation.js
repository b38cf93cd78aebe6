// «تأیید» and «رد» on a row of the moderation queue, in place. Without this script each
// button posts the queue's form (CSRF token included) to the comment's decision and the
// queue comes back with its filters; with it, the same post is sent by fetch and the row
// says what happened.
"use strict";
document.addEventListener("click", async (event) => {
  const button = event.target.closest(".moderation-actions button[name=decision]");
  if (!button || !window.fetch) return;
  event.preventDefault();
  const actions = button.closest(".moderation-actions");
  const buttons = actions.querySelectorAll("button[name=decision]");
  const done = actions.querySelector(".moderation-actions__done");
  const body = new FormData();
  body.append("decision", button.value);
  body.append("csrfmiddlewaretoken", button.form.elements.csrfmiddlewaretoken.value);
  buttons.forEach((b) => { b.disabled = true; });
  let answer = {};
  try {
    const response = await fetch(button.formAction, {
      method: "POST",
      body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    answer = await response.json().catch(() => ({}));
    if (!response.ok || !answer.message) throw new Error();
  } catch {
    done.textContent = answer.error || "تصمیم ثبت نشد؛ صفحه را دوباره باز کنید و بکوشید.";
    buttons.forEach((b) => { b.disabled = false; });
    return;
  }
  done.textContent = answer.message;
  const row = button.closest("tr");
  const status = row && row.querySelector(".field-status");
  if (status) status.textContent = answer.status_display;
  // The decision just made is done; the other stays on offer, for a change of mind.
  buttons.forEach((b) => {
    b.hidden = b.value === answer.status;
    b.disabled = false;
  });
  if (row) row.classList.add("moderation-decided");
  const next = [...buttons].find((b) => !b.hidden);
  if (next && document.activeElement === button) next.focus();
});
