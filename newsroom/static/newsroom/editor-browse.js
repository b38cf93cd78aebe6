// «درج در متن» in CKEditor's server browser: the picture's address goes back to the image
// dialog that opened this window (CKEditorFuncNum in this page's address), with its alt
// text from the library into the dialog's alt box when it has one; then the window closes.
"use strict";
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-src]");
  if (!button || !window.opener || !window.opener.CKEDITOR) return;
  const funcNum = new URLSearchParams(window.location.search).get("CKEditorFuncNum");
  const alt = button.dataset.alt;
  window.opener.CKEDITOR.tools.callFunction(Number(funcNum), button.dataset.src, function () {
    const dialog = this.getDialog && this.getDialog();
    const altBox = dialog && dialog.getContentElement("info", "alt");
    if (alt && altBox && !altBox.getValue()) altBox.setValue(alt);
  });
  window.close();
});
