// When an htmx request fails (403, a 5xx, no network), htmx swaps nothing.
// Say so in the page's status region for in-place answers, if it has one.
document.addEventListener("htmx:responseError", tell);
document.addEventListener("htmx:sendError", tell);

function tell() {
  const region = document.querySelector("[data-htmx-status]");
  if (!region) return;
  const alert = document.createElement("div");
  alert.className = "ds-alert";
  alert.dataset.color = "danger";
  alert.textContent = region.dataset.htmxStatus;
  region.replaceChildren(alert);
}
