// «درج در متن» in CKEditor's server browser: the image's address goes back to the image
// dialog that opened this window (CKEditorFuncNum in this page's address), and it closes.
"use strict";
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-src]");
  if (!button || !window.opener || !window.opener.CKEDITOR) return;
  const funcNum = new URLSearchParams(window.location.search).get("CKEditorFuncNum");
  window.opener.CKEDITOR.tools.callFunction(Number(funcNum), button.dataset.src);
  window.close();
});
