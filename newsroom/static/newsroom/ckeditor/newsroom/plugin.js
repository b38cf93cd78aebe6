// The newsroom's CKEditor plugin: image uploads («به سرور بفرست», pasted and dropped
// images) carry Django's CSRF token, taken from the form the editor sits in, and the alt
// text typed so far (the picture goes into the image library, which wants one); the image
// dialog asks for the alt text before the picture goes into the body; numbers in the
// dialogs and the notifications read in Persian digits.
/* global CKEDITOR */
(() => {
  "use strict";
  const PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  const persianDigits = (text) => String(text).replace(/[0-9]/g, (d) => PERSIAN_DIGITS[d]);
  const latinDigits = (text) =>
    String(text).replace(/[۰-۹٠-٩]/g, (d) => String(d.charCodeAt(0) & 0xf));
  // Outside tags only: a notification may hold a link.
  const persianDigitsInText = (html) =>
    String(html).replace(/(<[^>]*>)|([^<]+)/g, (all, tag, text) => tag || persianDigits(text));

  // The dialogs' number boxes (a table's rows, columns, border and size, a cell's span, an
  // image's size): shown in Persian digits, typed in either, read by CKEditor's checks and
  // written into the HTML in Latin ones.
  const NUMBER_BOXES = new Set([
    "txtRows", "txtCols", "txtBorder", "txtWidth", "txtHeight", "txtCellSpace", "txtCellPad",
    "width", "height", "rowSpan", "colSpan",
  ]);

  const ALT_REQUIRED =
    "متن جایگزین را بنویسید: آنچه در تصویر است، برای کسی که آن را نمی‌بیند.";

  CKEDITOR.on("dialogDefinition", (event) => {
    const definition = event.data.definition;
    if (event.data.name === "image2") {
      const alt = definition.getContents("info").get("alt");
      if (alt) alt.validate = CKEDITOR.dialog.validate.notEmpty(ALT_REQUIRED);
    }
    const onLoad = definition.onLoad;
    definition.onLoad = function (...args) {
      this.foreach((element) => {
        if (element instanceof CKEDITOR.ui.dialog.textInput && NUMBER_BOXES.has(element.id)) {
          const { getValue, setValue } = element;
          element.getValue = function () {
            return latinDigits(getValue.call(this));
          };
          element.setValue = function (value, ...rest) {
            return setValue.call(this, persianDigits(value ?? ""), ...rest);
          };
          element.setValue(element.getValue(), true); // its default, written when it was made
        }
      });
      if (onLoad) onLoad.apply(this, args);
    };
  });

  CKEDITOR.plugins.add("newsroom", {
    init(editor) {
      const csrfToken = () => {
        const form = editor.element && editor.element.$.form;
        const field = form && form.elements.namedItem("csrfmiddlewaretoken");
        if (field) return field.value;
        const cookie = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
        return cookie ? decodeURIComponent(cookie[1]) : "";
      };
      // Between filetools' open() (priority 5) and send() (999): the one place a header fits.
      editor.on("fileUploadRequest", (event) => {
        event.data.fileLoader.xhr.setRequestHeader("X-CSRFToken", csrfToken());
        const dialog = CKEDITOR.dialog.getCurrent();
        if (dialog && dialog.getName() === "image2" && event.data.requestData) {
          const alt = (dialog.getValueOf("info", "alt") || "").trim();
          if (alt) event.data.requestData.alt = alt;
        }
      });

      // «بارگذاری پرونده (۴۵٪)…»: CKEditor writes its numbers into the text as Latin digits.
      editor.on("notificationShow", (event) => {
        const notification = event.data.notification;
        notification.message = persianDigitsInText(notification.message);
      });
      editor.on("notificationUpdate", (event) => {
        const options = event.data.options;
        if (options && options.message) options.message = persianDigitsInText(options.message);
      });
    },
  });
})();
