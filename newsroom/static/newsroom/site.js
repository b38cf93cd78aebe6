// Enhancements only: every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // «کپی پیوند»: the short-link field is there for everyone; the button only where it can work.
  for (const button of document.querySelectorAll("[data-copy-target]")) {
    const input = document.getElementById(button.dataset.copyTarget);
    const status = button.parentElement.querySelector("[aria-live]");
    if (!input || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(input.value);
        if (status) status.textContent = "پیوند کپی شد.";
      } catch {
        input.select();
        if (status) status.textContent = "پیوند را انتخاب کردیم؛ کپی کنید.";
      }
    });
  }

  // «برنامه‌های دیگر»: the device's own share sheet (a phone's), where the browser offers one.
  for (const item of document.querySelectorAll("[data-share-native]")) {
    const button = item.querySelector("button");
    const data = { title: button.dataset.shareTitle, url: button.dataset.shareUrl };
    if (!navigator.share || (navigator.canShare && !navigator.canShare(data))) continue;
    item.hidden = false;
    button.addEventListener("click", () => {
      navigator.share(data).catch(() => {}); // the reader closed the sheet: nothing to say
    });
  }
});

// Embeds: the facade is a link to the provider's page; a click (not one that opens a new tab)
// loads the provider's frame in its place, the first request to the provider.
document.addEventListener("click", (event) => {
  const facade = event.target.closest(".embed__facade");
  const figure = facade && facade.closest("[data-embed-src]");
  if (!figure || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  const frame = document.createElement("iframe");
  frame.className = "embed__frame";
  frame.title = figure.dataset.embedTitle;
  frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen; clipboard-write";
  frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  frame.sandbox = "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation";
  frame.src = figure.dataset.embedSrc;
  facade.replaceWith(frame);
  // The note said a click would load it; now it links to the provider's own page.
  const note = figure.querySelector(".embed__note");
  if (note) {
    const link = document.createElement("a");
    link.href = facade.href;
    link.rel = "noopener";
    link.textContent = `دیدن در ${figure.dataset.embedProvider}`;
    note.replaceChildren(link);
  }
  frame.focus();
});

// «آیا این خبر مفید بود؟»: vote in place, then show the tally and, after «خیر», ask why.
document.addEventListener("DOMContentLoaded", () => {
  for (const widget of document.querySelectorAll("[data-feedback-url]")) {
    const url = widget.dataset.feedbackUrl;
    const voteForm = widget.querySelector(".feedback__vote");
    const followUp = widget.querySelector(".feedback__follow-up");
    const status = widget.querySelector(".feedback__status");
    const buttons = voteForm.querySelectorAll("button[name=useful]");
    const headers = { Accept: "application/json" };

    const show = (state, message) => {
      for (const button of buttons) {
        button.setAttribute("aria-pressed", String(button.value === state.vote));
      }
      status.textContent = [message, state.vote ? state.summary + "." : ""].join(" ").trim();
      if (followUp) followUp.hidden = state.vote !== "no";
    };

    const send = async (form, body) => {
      const response = await fetch(form.action, {
        method: "POST", body, headers, credentials: "same-origin",
      });
      const data = await response.json().catch(() => ({ error: "پاسخ سرور خوانا نبود." }));
      return { ok: response.ok, data };
    };

    fetch(url, { headers, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .then((state) => { if (state && state.vote) show(state, "از پاسخ شما سپاسگزاریم."); })
      .catch(() => {});

    voteForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = new FormData(voteForm);
      if (event.submitter) body.set(event.submitter.name, event.submitter.value);
      for (const button of buttons) button.disabled = true;
      try {
        const { ok, data } = await send(voteForm, body);
        if (ok) show(data, data.message);
        else status.textContent = data.error;
      } catch {
        status.textContent = "ارسال نشد؛ اتصال اینترنت را بررسی کنید و دوباره تلاش کنید.";
      } finally {
        for (const button of buttons) button.disabled = false;
      }
    });

    if (followUp) {
      followUp.addEventListener("submit", async (event) => {
        event.preventDefault();
        try {
          const { ok, data } = await send(followUp, new FormData(followUp));
          status.textContent = ok ? data.message : data.error;
          if (ok) followUp.hidden = true;
        } catch {
          status.textContent = "ارسال نشد؛ اتصال اینترنت را بررسی کنید و دوباره تلاش کنید.";
        }
      });
    }
  }
});

// «نظرات»: send the form, 👍/👎 and reports in place; «پاسخ» moves the form under a comment.
document.addEventListener("DOMContentLoaded", () => {
  const section = document.getElementById("comments");
  if (!section) return;
  const headers = { Accept: "application/json" };
  const post = async (url, body) => {
    const response = await fetch(url, { method: "POST", body, headers, credentials: "same-origin" });
    const data = await response.json().catch(() => ({ error: "پاسخ سرور خوانا نبود." }));
    return { ok: response.ok, data };
  };
  const offline = "ارسال نشد؛ اتصال اینترنت را بررسی کنید و دوباره تلاش کنید.";

  const form = section.querySelector("#comment-form");
  if (form) {
    const status = form.querySelector(".comment-form__status");
    const replying = form.querySelector(".comment-form__replying");
    const parentField = form.querySelector("[name=parent]");
    const home = form.parentElement;
    const anchor = form.nextSibling;

    const showErrors = (errors) => {
      for (const old of form.querySelectorAll(".field-error.js")) old.remove();
      for (const [name, messages] of Object.entries(errors || {})) {
        const field = form.querySelector(`[name=${name}]`);
        if (!field || field.type === "hidden") continue;
        const note = document.createElement("span");
        note.className = "field-error js";
        note.textContent = messages[0];
        field.after(note);
        field.setAttribute("aria-invalid", "true");
      }
    };

    const resetReply = () => {
      parentField.value = "";
      replying.hidden = true;
      home.insertBefore(form, anchor);
    };
    replying.querySelector("button").addEventListener("click", resetReply);

    // The page may have been kept for minutes (the edge, the page cache): the fill time counts
    // from when this reader starts to write, with a stamp fetched then.
    form.addEventListener("focusin", async () => {
      try {
        const response = await fetch(new URL("started/", form.action), { headers, credentials: "same-origin" });
        const data = await response.json();
        if (response.ok && data.started) form.querySelector("[name=started]").value = data.started;
      } catch {
        // Offline: the stamp the page came with still serves.
      }
    }, { once: true });

    section.addEventListener("click", (event) => {
      const link = event.target.closest("[data-reply-to]");
      if (!link) return;
      event.preventDefault();
      parentField.value = link.dataset.replyTo;
      replying.querySelector("span").textContent = link.dataset.replyName;
      replying.hidden = false;
      link.closest(".comment").after(form);
      form.querySelector("textarea").focus();
    });

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("[type=submit]");
      button.disabled = true;
      try {
        const { ok, data } = await post(form.action, new FormData(form));
        if (data.started) form.querySelector("[name=started]").value = data.started;  // a fresh stamp
        showErrors(ok ? {} : data.errors);
        status.textContent = ok ? data.message : data.error;
        if (ok) {
          form.querySelector("textarea").value = "";
          if (data.html) {
            const holder = document.createElement("li");
            holder.innerHTML = data.html;  // rendered and escaped by the server
            let list = section.querySelector(".comments__list");
            if (!list) {
              list = document.createElement("ol");
              list.className = "comments__list";
              section.querySelector(".comments__empty")?.replaceWith(list);
            }
            list.prepend(holder);
          }
          resetReply();
        }
      } catch {
        status.textContent = offline;
      } finally {
        button.disabled = false;
      }
    });
  }

  section.addEventListener("submit", async (event) => {
    const small = event.target.closest(".comment__reactions, .comment__report");
    if (!small) return;
    event.preventDefault();
    const comment = small.closest(".comment");
    const status = comment.querySelector(".comment__status");
    const body = new FormData(small);
    if (event.submitter && event.submitter.name) body.set(event.submitter.name, event.submitter.value);
    try {
      const { ok, data } = await post(small.action, body);
      status.textContent = ok ? data.message : data.error;
      if (ok && "likes" in data) {
        const digits = (n) => String(n).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[d]);
        comment.querySelector(".comment__likes").textContent = digits(data.likes);
        comment.querySelector(".comment__dislikes").textContent = digits(data.dislikes);
        for (const button of small.querySelectorAll("button")) {
          button.setAttribute("aria-pressed", String(button === event.submitter));
        }
      }
      if (ok && small.classList.contains("comment__report")) small.hidden = true;
    } catch {
      status.textContent = offline;
    }
  });
});

// «گزارش تصویری»: without this, a row of pictures that snaps as it is swiped or scrolled.
// With it, a slideshow: «قبلی» / «بعدی» buttons, the arrow keys (right to left: ← is the
// next picture), and «۳ از ۱۲» read out as the picture changes.
document.addEventListener("DOMContentLoaded", () => {
  const digits = (n) => String(n).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[d]);
  for (const gallery of document.querySelectorAll("[data-gallery]")) {
    const list = gallery.querySelector(".gallery__list");
    const slides = [...list.children];
    if (slides.length < 2) continue;
    const total = slides.length;
    gallery.setAttribute("aria-roledescription", "نمایش پی‌درپی عکس‌ها");
    slides.forEach((slide, index) => {
      const figure = slide.querySelector("figure");
      figure.setAttribute("role", "group");
      figure.setAttribute("aria-roledescription", "عکس");
      figure.setAttribute("aria-label", `${digits(index + 1)} از ${digits(total)}`);
    });

    const controls = document.createElement("div");
    controls.className = "gallery__controls";
    const button = (text, label) => {
      const made = document.createElement("button");
      made.type = "button";
      made.textContent = text;
      made.setAttribute("aria-label", label);
      made.setAttribute("aria-controls", list.id);
      return made;
    };
    const previous = button("→ قبلی", "عکس قبلی");
    const next = button("بعدی ←", "عکس بعدی");
    const status = document.createElement("p");
    status.className = "gallery__status";
    status.setAttribute("aria-live", "polite");
    controls.append(previous, status, next);
    list.after(controls);

    // The picture at the row's start edge (its right, in a right-to-left page).
    const current = () => {
      const start = list.getBoundingClientRect().right;
      let best = 0;
      slides.forEach((slide, n) => {
        const gap = Math.abs(slide.getBoundingClientRect().right - start);
        if (gap < Math.abs(slides[best].getBoundingClientRect().right - start)) best = n;
      });
      return best;
    };
    const show = (at) => {
      // A button that is pressed to the end is disabled: its focus goes to the other one,
      // not lost to the page.
      const focused = document.activeElement;
      previous.disabled = at === 0;
      next.disabled = at === total - 1;
      if (focused === previous && previous.disabled) next.focus();
      if (focused === next && next.disabled) previous.focus();
      status.textContent = `${digits(at + 1)} از ${digits(total)}`;
    };
    // The picture asked for: a press moves one on from it, even while the row still glides
    // towards it (`gliding`); a swipe sets it once the row comes to rest.
    let index = 0;
    let gliding = false;
    const go = (to) => {
      index = Math.max(0, Math.min(total - 1, to));
      gliding = true;
      // Where the row must stand, not how far to go: a glide under way would add the
      // distance to where it was heading.
      const start = list.getBoundingClientRect().right;
      const off = slides[index].getBoundingClientRect().right - start;
      list.scrollTo({ left: list.scrollLeft + off });
      show(index);
    };

    previous.addEventListener("click", () => go(index - 1));
    next.addEventListener("click", () => go(index + 1));
    gallery.addEventListener("keydown", (event) => {
      const step = { ArrowLeft: 1, ArrowRight: -1 }[event.key];
      if (step === undefined) return;
      event.preventDefault();
      go(index + step);
    });
    // Told once the row has come to rest, not at every step of a smooth scroll. A glide cut
    // short by the next press comes to rest short of its picture: that is not where the
    // reader is going, unless their own hand or wheel took over.
    const rested = () => {
      const at = current();
      if (gliding && at !== index) return;
      gliding = false;
      show((index = at));
    };
    for (const type of ["pointerdown", "wheel", "touchstart"]) {
      list.addEventListener(type, () => { gliding = false; }, { passive: true });
    }
    if ("onscrollend" in window) {
      list.addEventListener("scrollend", rested);
    } else {
      let timer = 0;
      list.addEventListener("scroll", () => {
        clearTimeout(timer);
        timer = setTimeout(rested, 120);
      });
    }
    show((index = current()));
  }
});

// «خبر فوری»: a bar put up, changed or ended while the page is open shows within a minute,
// from /breaking.json (small, and kept by browsers and the edge for as long as it holds).
document.addEventListener("DOMContentLoaded", () => {
  const slot = document.querySelector("[data-breaking-url]");
  if (!slot || !window.fetch || !window.DOMParser) return;
  const every = 45000;
  let shown = slot.innerHTML;

  const ask = async () => {
    if (document.hidden) return;
    try {
      // Asked again each time (a 304 when nothing changed): a copy this browser kept may
      // be of a bar that has ended since.
      const reply = await fetch(slot.dataset.breakingUrl, {
        headers: { Accept: "application/json" },
        cache: "no-cache",
      });
      if (!reply.ok) return;
      const state = await reply.json();
      const fresh = new DOMParser().parseFromString(state.html, "text/html").querySelector("[data-breaking-url]");
      if (!fresh || fresh.innerHTML === shown) return;
      shown = fresh.innerHTML;
      slot.replaceChildren(...fresh.childNodes);
    } catch {
      // Offline for a moment: the bar stays as it was until the next time.
    }
  };

  setInterval(ask, every);
  // A tab brought back after a while asks at once rather than showing what may have ended.
  document.addEventListener("visibilitychange", () => { if (!document.hidden) ask(); });
});

// «لحظه‌به‌لحظه»: a live article's new entries, from its poll (/live/<code>.json: one answer
// for every reader, a 304 while nothing changed). New entries wait behind a button, so the
// page never moves under a reader; edited entries change in place, deleted ones go.
document.addEventListener("DOMContentLoaded", () => {
  const block = document.querySelector("[data-live-poll]");
  if (!block || !window.fetch || !window.DOMParser) return;
  const list = block.querySelector("[data-live-list]");
  const pinnedSlot = block.querySelector("[data-live-pinned]");
  const news = block.querySelector("[data-live-news]");
  const faDigits = (n) => String(n).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[d]);
  const parse = (html) => new DOMParser().parseFromString(html, "text/html").body.firstElementChild;
  let waiting = [];
  let timer = null;

  const onPage = () => new Map([...list.querySelectorAll(":scope > [data-live-id]")].map((el) => [el.dataset.liveId, el]));

  const offer = () => {
    news.replaceChildren();
    if (!waiting.length) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "live__news-button";
    button.textContent = `${faDigits(waiting.length)} مطلب تازه`;
    button.addEventListener("click", () => {
      const fresh = waiting.map(parse).filter(Boolean);
      waiting = [];
      list.querySelector("[data-live-empty]")?.remove();
      list.prepend(...fresh);
      news.replaceChildren();
      if (fresh[0]) {
        fresh[0].tabIndex = -1;
        fresh[0].focus();
      }
    });
    news.append(button);
  };

  const apply = (state) => {
    const shown = onPage();
    const ids = new Set(state.entries.map((entry) => String(entry.id)));
    // What is newer than the newest on the page waits for the reader's click.
    const first = state.entries.findIndex((entry) => shown.has(String(entry.id)));
    waiting = (first === -1 ? state.entries : state.entries.slice(0, first)).map((entry) => entry.html);
    if (first === -1 && shown.size) waiting = waiting.filter((html) => !shown.has(String(parse(html)?.dataset.liveId)));
    for (const entry of state.entries) {
      const el = shown.get(String(entry.id));
      const fresh = el && parse(entry.html);
      if (fresh && fresh.dataset.liveRev !== el.dataset.liveRev) el.replaceWith(fresh);
    }
    // Gone: on the page, within the poll's span, and no longer in it.
    const oldest = Math.min(...state.entries.map((entry) => entry.id));
    for (const [id, el] of shown) {
      if (!ids.has(id) && (state.entries.length < 20 || Number(id) > oldest)) el.remove();
    }
    const pinned = state.pinned ? parse(state.pinned.html) : null;
    const was = pinnedSlot.firstElementChild;
    if (!pinned) pinnedSlot.replaceChildren();
    else if (!was || was.dataset.liveRev !== pinned.dataset.liveRev || was.dataset.liveId !== pinned.dataset.liveId) pinnedSlot.replaceChildren(pinned);
    offer();
    if (!state.live) {
      clearInterval(timer);
      const note = block.querySelector("[data-live-state]");
      if (note) note.textContent = "پوشش زنده پایان یافت.";
    }
  };

  const ask = async () => {
    if (document.hidden) return;
    try {
      const reply = await fetch(block.dataset.livePoll, {
        headers: { Accept: "application/json" },
        cache: "no-cache", // revalidated each time: a 304 while nothing changed
      });
      if (reply.ok) apply(await reply.json());
    } catch {
      // Offline for a moment: the next poll tries again.
    }
  };

  timer = setInterval(ask, 15000);
  document.addEventListener("visibilitychange", () => { if (!document.hidden) ask(); });
});
