// The newsroom's CKEditor plugin: image uploads («به سرور بفرست», pasted and dropped
// images) carry Django's CSRF token, taken from the form the editor sits in, and the alt
// text typed so far (the picture goes into the image library, which wants one); the image
// dialog asks for the alt text before the picture goes into the body; numbers in the
// dialogs and the notifications read in Persian digits; «جاسازی» puts a video or a post
// from an allow-listed provider into the body as a placeholder (articles/embeds.py).
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

  // «جاسازی»: the allow-list comes from the server (articles.embeds.editor_config, in the
  // editor's config as newsroomEmbeds); the server checks every placeholder again on save.
  const LINK_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;
  const fill = (template, ref, groups) =>
    template.replace(/\{ref\}/g, ref).replace(/\{(\d)\}/g, (all, i) => groups[Number(i)]);

  // A pasted link as "provider:reference", or null when it is not on the allow-list.
  const embedValue = (text, providers) => {
    let link = String(text || "").trim();
    if (!link || link.length > 2048 || !LINK_CHARACTERS.test(link)) return null;
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(link)) link = "https://" + link.replace(/^\/\//, "");
    let url;
    try {
      url = new URL(link);
    } catch {
      return null;
    }
    if (!["http:", "https:"].includes(url.protocol) || url.port || url.username || url.password) {
      return null;
    }
    const where = url.hostname + url.pathname + url.search;
    for (const provider of providers) {
      for (const pattern of provider.links) {
        const match = new RegExp(`^(?:${pattern})$`).exec(where);
        if (match) return `${provider.name}:${fill(provider.ref, "", match.slice(1))}`;
      }
    }
    return null;
  };

  const providerOf = (value, providers) => {
    const [name, ...rest] = String(value || "").split(":");
    const provider = providers.find((p) => p.name === name);
    return provider ? { provider, ref: rest.join(":") } : null;
  };

  const addEmbeds = (editor) => {
    const providers = editor.config.newsroomEmbeds || [];
    const names = providers.map((p) => p.label).join("، ");
    const refused =
      `این پیوند را نمی‌توان جاسازی کرد. فقط پیوند یک ویدیو یا پست از ${names} پذیرفته می‌شود.`;

    CKEDITOR.dialog.add("newsroomEmbed", () => ({
      title: "جاسازی ویدیو یا پست",
      minWidth: 420,
      minHeight: 120,
      contents: [
        {
          id: "embed",
          elements: [
            {
              type: "text",
              id: "link",
              label: "پیوند",
              inputStyle: "direction: ltr; text-align: left",
              validate() {
                return embedValue(this.getValue(), providers) ? true : refused;
              },
              setup(widget) {
                const found = providerOf(widget.data.value, providers);
                if (!found) return;
                this.setValue(fill(found.provider.page, found.ref, found.ref.split("/")));
              },
              commit(widget) {
                widget.setData("value", embedValue(this.getValue(), providers));
              },
            },
            {
              type: "text",
              id: "title",
              label: "عنوان (اختیاری)",
              setup(widget) {
                this.setValue(widget.data.title || "");
              },
              commit(widget) {
                widget.setData("title", this.getValue().trim());
              },
            },
            {
              type: "html",
              html: `<p style="white-space: normal">پیوندی از ${names}. خواننده تا روی آن نزند، چیزی از آن سایت بارگذاری نمی‌شود.</p>`,
            },
          ],
        },
      ],
    }));

    editor.widgets.add("newsroomembed", {
      dialog: "newsroomEmbed",
      template: '<figure data-embed=""></figure>',
      allowedContent: "figure[!data-embed]",
      requiredContent: "figure[data-embed]",
      upcast: (element) => element.name === "figure" && "data-embed" in element.attributes,
      init() {
        this.setData("value", this.element.getAttribute("data-embed") || "");
        this.setData("title", this.element.getText());
      },
      data() {
        this.element.setAttribute("data-embed", this.data.value || "");
        this.element.setText(this.data.title || "");
      },
    });
    editor.ui.addButton("NewsroomEmbed", {
      label: "جاسازی",
      command: "newsroomembed",
      icon: `${CKEDITOR.plugins.getPath("newsroom")}embed.svg`,
    });
  };

  CKEDITOR.plugins.add("newsroom", {
    requires: "widget,dialog",
    init(editor) {
      addEmbeds(editor);

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
