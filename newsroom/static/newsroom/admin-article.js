// The article form's tag box: names of existing tags offered while one is typed, through
// the browser's own suggestion list (a <datalist>), so a tag is picked, not retyped in a
// new spelling. Without this script the box takes names all the same.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("input[data-suggest-url]");
  if (!box) return;
  const list = document.createElement("datalist");
  list.id = `${box.id}-suggestions`;
  box.after(list);
  box.setAttribute("list", list.id);
  const separators = /[,،؛;]/;
  let timer;
  let asked = "";

  const suggest = async () => {
    const value = box.value;
    const parts = value.split(separators);
    const typed = parts[parts.length - 1].trim();
    if (!typed || typed === asked) return;
    asked = typed;
    const url = `${box.dataset.suggestUrl}?q=${encodeURIComponent(typed)}`;
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) return;
      const { names } = await response.json();
      // The list matches the whole box, so each choice is what is there plus the name.
      const before = value.slice(0, value.length - parts[parts.length - 1].length);
      const lead = before && !before.endsWith(" ") ? `${before} ` : before;
      list.replaceChildren(
        ...names.map((name) => {
          const option = document.createElement("option");
          option.value = `${lead}${name}، `;
          return option;
        }),
      );
    } catch {
      // no suggestions this time; typing still works
    }
  };

  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, 150);
  });
});
