// The image library's focal point: the editor clicks the picture where its subject is, and
// the two fields below (fractions of the width and height, which keyboard users and pages
// without JavaScript keep using) take the place. The crops for cards and link previews are
// made around it (articles/images/processing.py).
// The fields show and take Persian digits and «٫» (newsroom/persian/forms.py).
"use strict";
const PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
const toPersian = (text) => String(text).replace(/[0-9]/g, (d) => PERSIAN_DIGITS[d]).replace(".", "٫");
const fromPersian = (text) =>
  String(text)
    .replace(/[۰-۹٠-٩]/g, (d) => String(d.charCodeAt(0) & 0xf))
    .replace(/[٫/,،]/, ".");
document.addEventListener("DOMContentLoaded", () => {
  const x = document.getElementById("id_focal_x");
  const y = document.getElementById("id_focal_y");
  const file = document.getElementById("id_file");
  if (!x || !y || !file) return;
  // The stored picture, linked beside the file input («فعلی: …»).
  const current = file.closest(".form-row")?.querySelector("a[href]");

  const picker = document.createElement("figure");
  picker.className = "focal-picker";
  picker.hidden = true;
  const frame = document.createElement("span");
  frame.className = "focal-picker__frame";
  const image = document.createElement("img");
  image.alt = "";
  const dot = document.createElement("span");
  dot.className = "focal-picker__dot";
  frame.append(image, dot);
  const caption = document.createElement("figcaption");
  caption.textContent = "روی تصویر، جایی که موضوع عکس است کلیک کنید؛ برش‌ها گرد آن زده می‌شوند.";
  picker.append(frame, caption);
  x.closest("fieldset").prepend(picker);

  const place = () => {
    // From the left and the top, as the fractions are, whatever the page's direction.
    const at = (box) => {
      const value = Number(fromPersian(box.value.trim()) || 0.5);
      return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5;
    };
    dot.style.left = `${at(x) * 100}%`;
    dot.style.top = `${at(y) * 100}%`;
  };
  const show = (src) => {
    image.src = src;
    picker.hidden = false;
    place();
  };

  if (current) show(current.href);
  file.addEventListener("change", () => {
    if (file.files.length) show(URL.createObjectURL(file.files[0]));
  });
  image.addEventListener("click", (event) => {
    const box = image.getBoundingClientRect();
    const fraction = (value) =>
      toPersian(Number(Math.min(1, Math.max(0, value)).toFixed(3)).toString());
    x.value = fraction((event.clientX - box.left) / box.width);
    y.value = fraction((event.clientY - box.top) / box.height);
    place();
  });
  x.addEventListener("input", place);
  y.addEventListener("input", place);
});
