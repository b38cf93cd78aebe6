// «چینش صفحه اول»: each table's rows move up or down with ▲ / ▼, or are dragged by their
// handle, and every row with a story is numbered again in the order the rows now stand.
// Without this script the places are typed as numbers (the same pattern as
// admin-gallery.js for «گزارش تصویری»).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll(".curation-table")) {
    const body = table.querySelector("tbody");
    if (!body) continue;
    const rows = () => [...body.querySelectorAll("tr.curation-row")];
    const chosen = (row) => {
      const article = row.querySelector("select[name$='-article']");
      return article && article.value !== "";
    };
    const persian = (n) => String(n).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[d]);
    // Only rows with a story are numbered: an empty row stays empty.
    const renumber = () => {
      let place = 0;
      for (const row of rows()) {
        const position = row.querySelector("input[name$='-position']");
        if (position) position.value = chosen(row) ? persian(++place) : "";
      }
    };

    let dragged = null;
    const addButtons = (row) => {
      const cell = row.querySelector("td.field-position");
      if (!cell || cell.querySelector(".curation-move")) return;
      const label = cell.querySelector("input[name$='-position']")?.getAttribute("aria-label") || "";
      const where = label.split("، ").slice(1).join("، ");
      const handle = document.createElement("span");
      handle.className = "curation-handle";
      handle.textContent = "⠿";
      handle.title = "برای جابه‌جایی بکشید";
      handle.setAttribute("aria-hidden", "true");
      cell.prepend(handle);
      for (const [direction, text] of [["up", "بالاتر"], ["down", "پایین‌تر"]]) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = `curation-move curation-move--${direction}`;
        button.textContent = direction === "up" ? "▲" : "▼";
        button.setAttribute("aria-label", `${text}: ${where}`);
        button.addEventListener("click", () => {
          const sibling = direction === "up" ? row.previousElementSibling : row.nextElementSibling;
          if (!sibling || !sibling.matches("tr.curation-row")) return;
          if (direction === "up") sibling.before(row);
          else sibling.after(row);
          renumber();
          button.focus();
        });
        cell.append(button);
      }
      row.draggable = true;
      row.addEventListener("dragstart", (event) => {
        // Text is selected and typed in the row's boxes, not dragged from them.
        if (event.target.closest("input, select, .select2")) {
          event.preventDefault();
          return;
        }
        dragged = row;
        row.classList.add("curation-row--dragged");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", "");
      });
      row.addEventListener("dragend", () => {
        row.classList.remove("curation-row--dragged");
        dragged = null;
        renumber();
      });
      row.addEventListener("dragover", (event) => {
        if (!dragged || dragged === row || dragged.parentNode !== body) return;
        event.preventDefault();
        const box = row.getBoundingClientRect();
        if (event.clientY < box.top + box.height / 2) row.before(dragged);
        else row.after(dragged);
      });
      row.addEventListener("drop", (event) => event.preventDefault());
    };

    rows().forEach(addButtons);
    // A story picked in an empty row gets its number at once.
    body.addEventListener("change", renumber);
    if (window.django && window.django.jQuery) {
      window.django.jQuery(body).on("select2:select select2:clear", renumber);
    }
  }
});

// The autocomplete's box (select2) is named by what its row's <select> was named («خبر،
// ردیف ۱ تیتر یک»), then the story chosen: without it a screen reader meets a nameless box.
window.addEventListener("load", () => {
  for (const select of document.querySelectorAll(".curation-table select[name$='-article']")) {
    const box = select.nextElementSibling?.querySelector(".select2-selection");
    const label = select.getAttribute("aria-label");
    if (!box || !label) continue;
    const name = document.createElement("span");
    name.id = `${select.id}-name`;
    name.hidden = true;
    name.textContent = label;
    select.after(name);
    const chosen = box.getAttribute("aria-labelledby");
    box.setAttribute("aria-labelledby", chosen ? `${name.id} ${chosen}` : name.id);
    // The story shown in it, a read-only box of its own, is named for its row too.
    box.querySelector(".select2-selection__rendered")?.setAttribute("aria-labelledby", name.id);
  }
});
