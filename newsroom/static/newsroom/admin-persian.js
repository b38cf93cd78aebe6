/* The admin's JavaScript in Persian digits. Django's interpolate() writes numbers as
   Latin digits into translated text («0 of 32 selected», the time-zone note's «3.5
   hours»); wrapped here, a Persian string comes out with Persian digits and a Persian
   decimal separator («۳٫۵»). Strings that are not Persian (CSS selectors built with
   interpolate) are left alone. Loaded deferred, after the catalog, before the admin's
   scripts use it. */
(function () {
  "use strict";
  const DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  const PERSIAN = /[\u0600-\u06ff]/;

  function persianDigits(text) {
    return String(text)
      .replace(/(\d)\.(?=\d)/g, "$1٫")
      .replace(/\d/g, (digit) => DIGITS[digit]);
  }

  if (typeof window.interpolate === "function") {
    const interpolate = window.interpolate;
    const wrapped = function (fmt, obj, named) {
      const text = interpolate(fmt, obj, named);
      return PERSIAN.test(fmt) ? persianDigits(text) : text;
    };
    window.interpolate = wrapped;
    if (window.django) {
      window.django.interpolate = wrapped;
    }
  }

  // A number chosen in a raw-id box's popup (a picture from the library) arrives in Latin
  // digits; the box shows it in Persian, as the server does. (Django announces the choice
  // with a jQuery event, which native listeners do not hear.)
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.django || !window.django.jQuery) return;
    window.django.jQuery(document).on("change", "input.vForeignKeyRawIdAdminField", function () {
      this.value = persianDigits(this.value);
    });
  });

  // A file box under a Persian button (a picture's upload): the chosen file's name beside it.
  document.addEventListener("change", function (event) {
    const input = event.target;
    if (!input.matches || !input.matches(".file-picker__input")) return;
    const name = input.parentElement.querySelector("[data-file-name]");
    if (name) name.textContent = input.files.length ? input.files[0].name : "";
  });

  // The server's time zone by the name a Persian reader knows (the time-zone note).
  const ZONES = { "Asia/Tehran": "تهران" };
  const zone = document.body.dataset.adminServerTimezone;
  if (ZONES[zone]) {
    document.body.dataset.adminServerTimezone = ZONES[zone];
  }
})();
