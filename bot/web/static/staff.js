// Staff library: "Copy" buttons put the WhatsApp-ready text of an answer on the clipboard.
// The text sits in a read-only textarea next to the button (rendered escaped by the server);
// without the Clipboard API (older browsers, plain http on a LAN) the textarea is shown and
// selected, and the browser's copy command is tried. The words shown come from the page, in the
// staff language: data-copied and data-selected on the status element.
"use strict";

function copied(button, key, fallback) {
  const status = button.parentElement.querySelector(".copied");
  if (status) status.textContent = status.dataset[key] || fallback;
}

function fallbackCopy(button, area) {
  area.classList.add("shown");
  area.focus();
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch (e) {
    ok = false;
  }
  if (ok) copied(button, "copied", "Copied");
  else copied(button, "selected", "Selected: press Ctrl+C");
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy");
  if (!button) return;
  const area = document.getElementById(button.dataset.copy);
  if (!area) return;
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(area.value).then(
      () => copied(button, "copied", "Copied"),
      () => fallbackCopy(button, area));
  } else {
    fallbackCopy(button, area);
  }
});

// Handover page: "Insert into the reply" adds a library answer to the reply box.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.insert");
  if (!button) return;
  const source = document.getElementById(button.dataset.insert);
  const reply = document.getElementById("reply");
  if (!source || !reply) return;
  reply.value = reply.value ? reply.value + "\n\n" + source.value : source.value;
  reply.focus();
});
