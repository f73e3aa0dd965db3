// Warn a signed-in person before their session ends for want of activity, and let them stay
// signed in or sign out. The server decides: this script only asks it how long is left (which
// does not count as activity). Without JavaScript the server's timeout still applies.

import { t } from "./messages.js";

const dialog = document.getElementById("openpie-timeout");

function inWords(seconds) {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts = [];
  if (minutes) parts.push(t(minutes === 1 ? "minute_one" : "minutes", { count: minutes }));
  if (rest || !minutes) parts.push(t(rest === 1 ? "second_one" : "seconds", { count: rest }));
  return parts.join(" ");
}

if (dialog && typeof dialog.showModal === "function") {
  const warning = Number(dialog.dataset.warning);
  const statusUrl = dialog.dataset.statusUrl;
  const signInUrl = dialog.dataset.signInUrl;
  const countdown = dialog.querySelector("[data-timeout-countdown]");
  const extendForm = dialog.querySelector("[data-timeout-extend]");
  let timer = 0;
  let ticker = 0;
  let deadline = 0;

  const goToSignIn = () => {
    const here = window.location.pathname + window.location.search;
    window.location.assign(`${signInUrl}?next=${encodeURIComponent(here)}`);
  };

  const close = () => {
    window.clearInterval(ticker);
    if (dialog.open) dialog.close();
  };

  const schedule = (remaining) => {
    window.clearTimeout(timer);
    deadline = Date.now() + remaining * 1000;
    timer = window.setTimeout(check, Math.max(0, remaining - warning) * 1000);
  };

  const tick = () => {
    const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    countdown.textContent = inWords(left);
    if (left <= 0) {
      window.clearInterval(ticker);
      // Ask rather than assume: activity in another tab may have kept the session alive.
      check();
    }
  };

  const open = (status) => {
    deadline = Date.now() + status.remaining * 1000;
    extendForm.hidden = !status.extendable;
    countdown.textContent = inWords(status.remaining);
    if (!dialog.open) dialog.showModal();
    window.clearInterval(ticker);
    ticker = window.setInterval(tick, 1000);
  };

  async function check() {
    let status;
    try {
      const response = await fetch(statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      status = await response.json();
    } catch {
      timer = window.setTimeout(check, 10_000); // offline: try again shortly
      return;
    }
    if (!status.signed_in) {
      close();
      goToSignIn();
    } else if (status.remaining > warning) {
      close();
      schedule(status.remaining);
    } else {
      open(status);
      schedule(status.remaining + 1);
    }
  }

  extendForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await fetch(extendForm.action, {
      method: "POST",
      body: new FormData(extendForm),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const status = await response.json();
    close();
    if (status.signed_in) schedule(status.remaining);
    else goToSignIn();
  });

  // Escape closes the dialog: take that as "stay signed in".
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    extendForm.requestSubmit();
  });

  // A page polling by itself (htmx "every …") is not the person doing something.
  document.body.addEventListener("htmx:configRequest", (event) => {
    const trigger = event.detail.elt.getAttribute("hx-trigger") || "";
    if (trigger.trim().startsWith("every")) event.detail.headers["X-OpenPIE-Background"] = "1";
  });

  schedule(Number(dialog.dataset.remaining));
}
