// «ویرایش خودکار نگارش» on the article form: works on what the form holds now (saved or
// not), shows each suggestion to accept or reject, and puts the accepted text back into the
// form. Nothing is saved here: the editor saves as always.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const link = document.querySelector("a[data-copyedit]");
  const form = document.getElementById("article_form");
  if (!link || !form) return;
  const FIELDS = ["kicker", "title", "lead", "body"];
  const editor = () => window.CKEDITOR && window.CKEDITOR.instances.id_body;
  const field = (name) => {
    const element = form.elements.namedItem(name);
    return element && !element.disabled && !element.readOnly ? element : null;
  };

  const dialog = document.createElement("dialog");
  dialog.className = "copyedit-dialog";
  dialog.setAttribute("aria-labelledby", "copyedit-title");
  document.body.append(dialog);
  const status = document.createElement("p");
  status.className = "copyedit-status";
  status.setAttribute("role", "status");
  form.prepend(status);

  const post = (url, data) =>
    fetch(url, { method: "POST", body: data, credentials: "same-origin" }).then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      return response;
    });
  const failed = () => {
    dialog.innerHTML =
      '<h2 id="copyedit-title">ویرایش خودکار نگارش</h2>' +
      "<p>ویرایشگر خودکار پاسخ نداد؛ متن فرم دست نخورد. کمی بعد دوباره امتحان کنید.</p>" +
      '<div class="submit-row"><button type="button" class="button" data-close>بستن</button></div>';
    if (!dialog.open) dialog.showModal();
  };

  link.addEventListener("click", (event) => {
    event.preventDefault();
    const data = new FormData();
    data.set("csrfmiddlewaretoken", form.elements.namedItem("csrfmiddlewaretoken").value);
    data.set("source", "form");
    for (const name of FIELDS) {
      if (name === "body" && editor()) data.set(name, editor().getData());
      else if (field(name)) data.set(name, field(name).value);
    }
    post(link.href, data)
      .then((response) => response.text())
      .then((html) => {
        dialog.innerHTML = html;
        dialog.showModal();
      })
      .catch(failed);
  });

  dialog.addEventListener("click", (event) => {
    if (event.target.closest("[data-close]")) dialog.close();
  });

  dialog.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(event.target, event.submitter);
    data.set("_apply", "1");
    post(event.target.action, data)
      .then((response) => response.json())
      .then((texts) => {
        for (const [name, value] of Object.entries(texts)) {
          if (name === "body" && editor()) editor().setData(value);
          else if (field(name)) {
            field(name).value = value;
            field(name).dispatchEvent(new Event("input", { bubbles: true }));
          }
        }
        dialog.close();
        status.textContent =
          "پیشنهادهای پذیرفته در فرم گذاشته شد؛ برای ماندگاری، خبر را ذخیره کنید.";
        link.focus();
      })
      .catch(failed);
  });
});
