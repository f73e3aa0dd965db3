// Beads: enhances the stage 1 board (native radio groups of bead positions, one form per thread).
//
// Without this file each thread is a form with a Save button, and that keeps working. With it:
// - the bead saves once it rests: one save for a run of arrow-key presses (REST_MS after the last
//   change), at once when a drag ends or a place is clicked (fetch with "X-Requested-With: fetch";
//   the view answers JSON);
// - the bead can be dragged along its thread (pointer events); the arrow keys move it as they move
//   any radio button, Home and End take it to the ends;
// - "Take the bead off" and "Remove the target" clear the choice and save;
// - the target shows as a hollow ring on the bead's own line;
// - a status line per thread (role="status") says honestly what happened: Saving…, Saved,
//   Not saved – retrying (with a growing wait when the network fails), a conflict with someone
//   else's change, or that the person has been signed out.

import { t } from "./messages.js";

const FIRST_WAIT = 1000;
const LONGEST_WAIT = 30000;
const REST_MS = 600; // the bead has come to rest this long after the last key press

async function readJson(response) {
  if (!(response.headers.get("Content-Type") || "").includes("application/json")) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function errorText(errors) {
  return Object.values(errors).flat().join(" ");
}

// After signing in again (in another tab) the page's CSRF token is out of date: fetch the page
// again and take the fresh token from it.
async function refreshToken(form) {
  try {
    const response = await fetch(form.dataset.refreshUrl, { credentials: "same-origin" });
    if (!response.ok) return false;
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const token = page.querySelector('input[name="csrfmiddlewaretoken"]')?.value;
    if (!token) return false;
    for (const input of document.querySelectorAll('input[name="csrfmiddlewaretoken"]')) input.value = token;
    return true;
  } catch {
    return false;
  }
}

class BeadForm {
  constructor(form) {
    this.form = form;
    this.status = form.querySelector("[data-bead-status]");
    this.version = form.querySelector("[data-bead-version]");
    this.sending = false;
    this.waiting = false; // another change came while one was on its way
    this.wait = 0;
    this.retryTimer = null;
    this.restTimer = null;
    this.byPointer = false;
    form.addEventListener("pointerdown", () => { this.byPointer = true; });
    form.addEventListener("keydown", (event) => {
      this.byPointer = false;
      this.homeEnd(event);
    });
    form.addEventListener("change", (event) => {
      if (event.target.type !== "radio") return;
      this.sync();
      this.soon(this.byPointer ? 0 : REST_MS);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const clear = event.submitter?.dataset.beadClear;
      if (clear) this.clear(clear);
      else this.save();
    });
    for (const track of form.querySelectorAll("[data-board-track]")) enableDrag(track);
  }

  // Home and End: the first and the last place of the thread (arrow keys are the browser's own).
  homeEnd(event) {
    if (event.target.type !== "radio" || (event.key !== "Home" && event.key !== "End")) return;
    const inputs = [...this.form.querySelectorAll(`input[type="radio"][name="${event.target.name}"]`)];
    const input = event.key === "Home" ? inputs[0] : inputs[inputs.length - 1];
    event.preventDefault();
    input.focus();
    if (input.checked) return;
    input.checked = true;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // "Take the bead off" / "Remove the target": no radio of that name chosen, saved at once.
  clear(name) {
    const first = this.form.querySelector(`input[type="radio"][name="${name}"]`);
    this.choose(name, null);
    this.sync();
    first?.focus();
    this.soon(0);
  }

  // What the marks show follows the radios: the target ring on the bead's line, the clear buttons.
  sync() {
    const target = this.form.querySelector('input[name="target"]:checked')?.value || "";
    for (const input of this.form.querySelectorAll('input[name="position"]')) {
      input.closest("[data-slot]")?.classList.toggle("openpie-board-track__slot--target", input.value === target);
    }
    for (const button of this.form.querySelectorAll("[data-bead-clear]")) {
      button.hidden = !this.form.querySelector(`input[name="${button.dataset.beadClear}"]:checked`);
    }
  }

  // Save once the bead rests: each new change restarts the wait, so a run of presses is one save.
  soon(wait) {
    clearTimeout(this.restTimer);
    this.restTimer = null;
    if (wait === 0) {
      this.save();
      return;
    }
    this.restTimer = setTimeout(() => {
      this.restTimer = null;
      this.save();
    }, wait);
  }

  get unsaved() {
    return this.sending || this.waiting || this.retryTimer !== null || this.restTimer !== null;
  }

  save() {
    this.cancelRetry();
    if (this.sending) {
      this.waiting = true;
      return;
    }
    this.send();
  }

  retryNow() {
    if (this.retryTimer !== null) this.save();
  }

  cancelRetry() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  // Send the form as it is now. ``tokenFresh``: the CSRF token has just been refreshed (only once).
  async send(tokenFresh = false) {
    this.sending = true;
    this.waiting = false;
    this.say(t("saving"));
    let response = null;
    try {
      response = await fetch(this.form.action, {
        method: "POST",
        body: new FormData(this.form),
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch", Accept: "application/json" },
      });
    } catch {
      response = null;
    }
    const outcome = await this.handle(response, tokenFresh);
    this.sending = false;
    if (outcome === "refreshed") this.send(true);
    else if (this.waiting) this.save();
  }

  // What the server said. Returns "refreshed" when the same change should be sent again at once.
  async handle(response, tokenFresh) {
    if (response === null || response.status >= 500) return this.retryLater();
    const body = await readJson(response);
    if (response.ok && body) return this.saved(body);
    if (response.status === 409 && body?.conflict) return this.conflict(body);
    if (response.status === 400 && body?.errors) return this.problem(t("bead_not_saved_because", { reason: errorText(body.errors) }));
    if (response.status === 401 || body?.signed_out) return this.problem(t("bead_signed_out"));
    if (response.status === 403 && !body) {
      // Not JSON: the security token was refused, usually after signing out or in again elsewhere.
      if (!tokenFresh && (await refreshToken(this.form))) return "refreshed";
      return this.problem(t("bead_signed_out"));
    }
    if (response.status === 404) return this.problem(t("bead_gone"));
    return this.problem(body?.message || t("bead_reload"));
  }

  saved(body) {
    this.version.value = body.version;
    this.wait = 0;
    if (this.waiting || this.restTimer !== null) return false;
    const bead = body.position === null ? t("bead_off_thread") : body.label;
    const said = body.target
      ? t("bead_saved_with_target", { bead, target: body.target_label })
      : t("bead_saved", { bead });
    this.say(said, "saved");
    return false;
  }

  conflict(body) {
    this.version.value = body.version;
    this.waiting = false;
    this.choose("position", body.position);
    this.choose("target", body.target);
    this.sync();
    return this.problem(body.message);
  }

  retryLater() {
    this.wait = Math.min(this.wait ? this.wait * 2 : FIRST_WAIT, LONGEST_WAIT);
    const seconds = Math.round(this.wait / 1000);
    this.problem(t(seconds === 1 ? "bead_retrying_one" : "bead_retrying", { seconds }));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.save();
    }, this.wait);
    return "retrying";
  }

  choose(name, value) {
    const wanted = value === null || value === undefined ? "" : String(value);
    for (const input of this.form.querySelectorAll(`input[name="${name}"]`)) input.checked = input.value === wanted;
  }

  problem(text) {
    this.say(text, "problem");
    return false;
  }

  say(text, kind = "") {
    this.status.textContent = text;
    this.status.classList.toggle("openpie-bead__status--saved", kind === "saved");
    this.status.classList.toggle("openpie-bead__status--problem", kind === "problem");
  }
}

// Dragging: press on the bead, move along the thread (or across the rows on a phone), let go.
function slotInput(element) {
  return element.closest?.("[data-slot]")?.querySelector("input") || null;
}

function nearestSlot(track, x, y) {
  let best = null;
  let bestDistance = Infinity;
  for (const input of track.querySelectorAll("[data-slot] input")) {
    const box = input.nextElementSibling.getBoundingClientRect();
    const dx = x - (box.left + box.width / 2);
    const dy = (y - (box.top + box.height / 2)) * 2; // moving to another row takes a clear move
    const distance = dx * dx + dy * dy;
    if (distance < bestDistance) {
      best = input;
      bestDistance = distance;
    }
  }
  return best;
}

function enableDrag(track) {
  let drag = null;
  track.addEventListener("pointerdown", (event) => {
    const input = slotInput(event.target);
    if (!input || !input.checked || input.disabled || event.button !== 0) return;
    drag = { id: event.pointerId, start: input, moved: false };
    track.setPointerCapture(event.pointerId);
    track.classList.add("openpie-board-track--dragging");
    input.focus({ preventScroll: true });
    event.preventDefault();
  });
  track.addEventListener("pointermove", (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    const input = nearestSlot(track, event.clientX, event.clientY);
    if (input && !input.checked) {
      input.checked = true;
      input.focus({ preventScroll: true });
      drag.moved = true;
    }
  });
  const finish = (event, keep) => {
    if (!drag || event.pointerId !== drag.id) return;
    const { start, moved } = drag;
    drag = null;
    track.classList.remove("openpie-board-track--dragging");
    if (track.hasPointerCapture(event.pointerId)) track.releasePointerCapture(event.pointerId);
    if (!moved) return;
    if (!keep) start.checked = true;
    else track.querySelector("input:checked")?.dispatchEvent(new Event("change", { bubbles: true }));
  };
  track.addEventListener("pointerup", (event) => finish(event, true));
  track.addEventListener("pointercancel", (event) => finish(event, false));
}

const beads = [...document.querySelectorAll("[data-bead-form]")]
  .filter((form) => form.querySelector("[data-bead-status]"))
  .map((form) => new BeadForm(form));

window.addEventListener("online", () => {
  for (const bead of beads) bead.retryNow();
});
window.addEventListener("beforeunload", (event) => {
  if (beads.some((bead) => bead.unsaved)) event.preventDefault();
});
