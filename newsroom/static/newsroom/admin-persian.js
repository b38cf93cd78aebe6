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

  // The server's time zone by the name a Persian reader knows (the time-zone note).
  const ZONES = { "Asia/Tehran": "تهران" };
  const zone = document.body.dataset.adminServerTimezone;
  if (ZONES[zone]) {
    document.body.dataset.adminServerTimezone = ZONES[zone];
  }
})();
