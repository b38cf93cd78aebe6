// «گزارش تصویری» on the article's form: buttons that move a picture up or down the gallery
// and number every chosen picture's place again, in the order the rows now stand. Without
// this script the places are typed as numbers.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const group = document.querySelector(".gallery-inline");
  if (!group) return;
  const body = group.querySelector("tbody");
  if (!body) return;
  // The places in Persian digits, as the server writes them.
  const persian = (n) => String(n).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[d]);
  const rows = () => [...body.querySelectorAll("tr.form-row:not(.empty-form)")];
  const chosen = (row) => {
    const image = row.querySelector("input[name$='-image']");
    return image && image.value.trim() !== "";
  };

  // Only rows with a picture are numbered: a number in an empty row would make Django
  // ask for its picture.
  const renumber = () => {
    let place = 0;
    for (const row of rows()) {
      if (!chosen(row)) continue;
      const position = row.querySelector("input[name$='-position']");
      if (position) position.value = persian(++place);
    }
  };

  const addButtons = (row) => {
    const cell = row.querySelector("td.field-position");
    if (!cell || cell.querySelector(".gallery-move")) return;
    const label = cell.querySelector("input")?.getAttribute("aria-label") || "";
    const where = label.split("، ").slice(1).join("، ");
    for (const [direction, text] of [["up", "بالاتر"], ["down", "پایین‌تر"]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = `gallery-move gallery-move--${direction}`;
      button.textContent = direction === "up" ? "▲" : "▼";
      button.setAttribute("aria-label", `${text}: ${where}`);
      button.addEventListener("click", () => {
        const sibling = direction === "up" ? row.previousElementSibling : row.nextElementSibling;
        if (!sibling || !sibling.matches("tr.form-row:not(.empty-form)")) return;
        if (direction === "up") sibling.before(row);
        else sibling.after(row);
        renumber();
        button.focus();
      });
      cell.append(button);
    }
  };

  rows().forEach(addButtons);
  // Rows added with «افزودن یک ...» get their buttons too (Django's inlines.js event).
  document.addEventListener("formset:added", (event) => {
    if (event.target.closest(".gallery-inline")) addButtons(event.target);
  });
});
