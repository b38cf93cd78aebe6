// The newsroom's CKEditor plugin: image uploads («به سرور بفرست», pasted and dropped
// images) carry Django's CSRF token, taken from the form the editor sits in.
/* global CKEDITOR */
"use strict";
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
    });
  },
});
