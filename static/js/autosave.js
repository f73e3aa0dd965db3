// Autosave: text saves as the person types (debounced) and on leaving a field.
//
// Forms marked `data-autosave` post their data to their own action with the header
// `X-Requested-With: fetch` (see openpie/assessments/views/edits.py for the answers).
// Nothing typed is lost: unsaved text is kept in sessionStorage (keyed by the form's URL)
// and put back after a reload; failed saves are retried; a conflict shows both versions;
// a signed-out session keeps the text and asks the person to sign in again in a new tab.
// Without this script the same forms work by a normal submit.
//
// An add-form marked `data-autosave="draft"` (adding a factor or an action) never creates its item by
// itself: until the person presses its button, what they type is kept as a draft on this page only
// (sessionStorage, so a reload keeps it), and the form stays an add-form under their cursor. Only a
// form that already edits a saved item saves as the person types. Its button adds the item: by htmx when
// the form has `hx-post` (the server answers with the stage page, whose section replaces the form's own,
// with the new item and an empty add-form, or the form as sent with what to put right); by a normal
// submit otherwise. If the add cannot reach the server, the form and the draft stay as they were.

import { t } from "./messages.js";

const DEBOUNCE_MS = 800;
const MAX_RETRIES = 5;
const STASH_PREFIX = "openpie-autosave:";
const SIGN_IN_URL = "/sign-in/";
const SKIPPED = new Set(["csrfmiddlewaretoken", "version", "next"]);
const savers = [];

function isField(element) {
  return Boolean(element && element.name && !SKIPPED.has(element.name) && element.type !== "file"
    && element.type !== "submit" && element.type !== "button");
}

function fieldValues(form) {
  const values = {};
  for (const element of form.elements) {
    if (!isField(element)) continue;
    if (element.type === "radio") {
      if (element.checked) values[element.name] = element.value;
      else if (!(element.name in values)) values[element.name] = "";
    } else if (element.type === "checkbox") {
      values[element.name] = element.checked ? element.value : "";
    } else {
      values[element.name] = element.value;
    }
  }
  return values;
}

function applyValues(form, values) {
  for (const element of form.elements) {
    if (!isField(element) || !(element.name in values)) continue;
    const value = values[element.name];
    if (element.type === "radio") element.checked = element.value === value;
    else if (element.type === "checkbox") element.checked = Boolean(value);
    else element.value = value;
  }
}

// The server's values use field names; a date field arrives as "2026-03-27" for its three boxes.
function applyServerValues(form, values) {
  const plain = {};
  for (const [name, value] of Object.entries(values)) {
    if (form.elements.namedItem(`${name}_day`)) {
      const [year, month, day] = value ? value.split("-").map((part) => String(Number(part))) : ["", "", ""];
      Object.assign(plain, { [`${name}_day`]: day, [`${name}_month`]: month, [`${name}_year`]: year });
    } else {
      plain[name] = value;
    }
  }
  applyValues(form, plain);
  syncReveals(form);
}

// Conditional questions (GOV.UK radios markup): an option marked `data-reveals="id"` shows that
// block while it is chosen. GOV.UK Frontend's own version sets aria-expanded, which radios may not have.
function syncReveals(root) {
  for (const input of root.querySelectorAll("input[data-reveals]")) {
    const block = document.getElementById(input.dataset.reveals);
    if (!block) continue;
    block.classList.toggle("govuk-radios__conditional--hidden", !input.checked);
  }
}

function chosenFile(form) {
  return [...form.querySelectorAll('input[type="file"]')].find((input) => input.files.length > 0) || null;
}

function hasContent(form) {
  const typed = [...form.querySelectorAll("textarea, input[type='text']")].some((el) => el.value.trim() !== "");
  return typed || chosenFile(form) !== null;
}

class Autosave {
  constructor(form) {
    this.form = form;
    this.key = STASH_PREFIX + (form.getAttribute("action") || window.location.pathname);
    this.status = form.querySelector("[data-autosave-status]");
    this.versionInput = form.querySelector('input[name="version"]');
    this.isNew = !this.versionInput || this.versionInput.value === "";
    this.draftOnly = form.dataset.autosave === "draft" && this.isNew;
    this.touched = new Set();
    this.timer = null;
    this.inFlight = false;
    this.pending = false;
    this.submitAfter = false;
    this.submitting = false;
    this.tries = 0;
    this.conflict = null;
    this.signedOut = false;
    this.awaitingOnline = false;
    this.lastSaved = this.snapshot();
    form.addEventListener("input", (event) => this.onEdit(event, DEBOUNCE_MS));
    form.addEventListener("change", (event) => this.onEdit(event, 0));
    form.addEventListener("focusout", () => { if (this.dirty()) this.schedule(0); });
    form.addEventListener("submit", (event) => this.onSubmit(event));
    if (form.hasAttribute("hx-post")) this.listenToHtmx();
    this.restore();
    if (this.draftOnly && hasContent(form)) this.stash(); // the form as sent, back with what to put right
    syncReveals(form);
    this.announce();
  }

  listenToHtmx() {
    // htmx announces the swap on its target (the section around the form), not on the form itself.
    document.addEventListener("htmx:beforeSwap", (event) => {
      const sender = event.detail.requestConfig?.elt || event.detail.elt;
      if (sender === this.form && event.detail.shouldSwap) this.unstash();
    });
    const lost = () => {
      this.stash();
      this.show(t("autosave_not_added_offline"), "error");
    };
    this.form.addEventListener("htmx:sendError", lost);
    this.form.addEventListener("htmx:responseError", lost);
  }

  // An add-form that has just added its item says so once it is in the page (a live region filled after
  // it is shown is read out; one that arrives full is often not).
  announce() {
    const text = this.status?.dataset.announce;
    if (!text) return;
    window.setTimeout(() => this.show(text, "saved"), 100);
  }

  snapshot() { return JSON.stringify(fieldValues(this.form)); }

  dirty() { return this.snapshot() !== this.lastSaved; }

  unsaved() { return (this.dirty() && !this.draftOnly) || this.inFlight || this.conflict !== null || chosenFile(this.form) !== null; }

  onEdit(event, delay) {
    const target = event.target;
    if (!target || !target.name || SKIPPED.has(target.name)) return;
    this.touched.add(target.name.replace(/_(day|month|year)$/, ""));
    this.stash();
    this.schedule(delay);
  }

  onSubmit(event) {
    if (this.inFlight) { // let the save under way finish first, so a new item is not added twice
      event.preventDefault();
      this.submitAfter = true;
      return;
    }
    window.clearTimeout(this.timer);
    if (this.form.hasAttribute("hx-post")) return; // htmx sends it; the draft goes once the answer is in
    this.submitting = true;
    this.unstash();
  }

  schedule(delay) {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.save(), delay);
  }

  // sessionStorage: what was typed and not yet saved, with the version it started from.
  stash() {
    if (!this.form.isConnected) return; // replaced by htmx (its section came back): the new form is the draft
    const entry = { action: this.form.getAttribute("action"), version: this.versionInput?.value || "",
      values: fieldValues(this.form) };
    try { window.sessionStorage.setItem(this.key, JSON.stringify(entry)); } catch { /* storage full or off */ }
  }

  unstash() {
    try { window.sessionStorage.removeItem(this.key); } catch { /* storage off */ }
  }

  restore() {
    let entry = null;
    try { entry = JSON.parse(window.sessionStorage.getItem(this.key) || "null"); } catch { entry = null; }
    if (!entry || JSON.stringify(entry.values) === this.lastSaved) return;
    applyValues(this.form, entry.values);
    if (entry.action) this.form.setAttribute("action", entry.action);
    if (this.versionInput) this.versionInput.value = entry.version;
    this.isNew = !entry.version;
    Object.keys(entry.values).forEach((name) => this.touched.add(name.replace(/_(day|month|year)$/, "")));
    this.show(t("autosave_put_back"), "saving");
    this.schedule(0);
  }

  show(text, state, link) {
    if (!this.status) return;
    this.status.dataset.state = state;
    this.status.textContent = text;
    if (link) {
      const anchor = document.createElement("a");
      anchor.className = "govuk-link";
      anchor.href = link.href;
      anchor.target = "_blank";
      anchor.rel = "noopener";
      anchor.textContent = link.text;
      this.status.append(" ", anchor);
    }
  }

  async save(force = false) {
    window.clearTimeout(this.timer);
    if ((this.conflict && !force) || this.submitting) return;
    if (this.inFlight) { this.pending = true; return; }
    const fileInput = chosenFile(this.form);
    if (!force && !this.dirty() && !fileInput) return;
    if (this.isNew && !hasContent(this.form)) return;
    if (this.draftOnly) {
      this.stash();
      this.show(t("autosave_not_added_yet"), "waiting");
      return;
    }
    const sent = this.snapshot();
    const sentFile = fileInput ? fileInput.files[0] : null;
    this.inFlight = true;
    this.show(t("saving"), "saving");
    let response = null;
    let data = null;
    try {
      response = await fetch(this.form.action, {
        method: "POST",
        body: new FormData(this.form),
        headers: { "X-Requested-With": "fetch", Accept: "application/json" },
        credentials: "same-origin",
      });
      data = await response.json().catch(() => null);
    } catch {
      response = null;
    }
    this.inFlight = false;
    this.answer(response, data, sent, fileInput, sentFile);
    if (this.submitAfter) {
      this.submitAfter = false;
      this.form.requestSubmit();
    } else if (this.pending) {
      this.pending = false;
      this.schedule(0);
    }
  }

  answer(response, data, sent, fileInput, sentFile) {
    if (response === null || response.status >= 500 || (response.ok && !data)) {
      this.retry();
    } else if (response.ok) {
      this.saved(data, sent, fileInput, sentFile);
    } else if (response.status === 400 && data?.errors) {
      this.invalid(data.errors);
    } else if (response.status === 409 && data?.conflict) {
      this.showConflict(data);
    } else if (response.status === 401 || (response.status === 403 && !data?.forbidden)) {
      this.signOut(data?.sign_in_url);
    } else if (response.status === 403) {
      this.show(t("autosave_not_saved_because", { reason: data.message || t("autosave_cannot_change") }), "error");
    } else if (response.status === 404) {
      this.stash();
      this.show(t("autosave_removed"), "error");
    } else {
      this.retry();
    }
  }

  saved(data, sent, fileInput, sentFile) {
    this.tries = 0;
    this.signedOut = false;
    if (this.versionInput) this.versionInput.value = data.version;
    if (data.edit_url) this.form.setAttribute("action", data.edit_url);
    this.isNew = false;
    this.lastSaved = sent;
    if (fileInput && fileInput.files[0] === sentFile) fileInput.value = "";
    this.clearErrors();
    if (this.dirty()) { this.stash(); this.schedule(DEBOUNCE_MS); } else { this.unstash(); }
    const said = sentFile
      ? t("autosave_saved_at_with_file", { time: data.saved_at_text, file: sentFile.name })
      : t("autosave_saved_at", { time: data.saved_at_text });
    this.show(said, "saved");
  }

  // The server could not be reached (or failed): keep the text, say so, and keep trying: soon at
  // first, then every 30 seconds, and at once when the browser says it is back online.
  retry() {
    this.stash();
    this.tries += 1;
    if (this.tries > MAX_RETRIES) {
      this.show(t("autosave_offline"), "error");
      if (!this.awaitingOnline) {
        this.awaitingOnline = true;
        window.addEventListener("online", () => {
          this.awaitingOnline = false;
          this.tries = 0;
          this.save(true);
        }, { once: true });
      }
    } else {
      this.show(t("autosave_retrying"), "error");
    }
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.save(true), Math.min(1000 * 2 ** this.tries, 30000));
  }

  invalid(errors) {
    this.clearErrors();
    const general = errors.__all__ || [];
    let shown = 0;
    for (const [name, messages] of Object.entries(errors)) {
      if (name === "__all__" || (this.isNew && !this.touched.has(name))) continue;
      if (this.showFieldError(name, messages)) shown += 1;
    }
    if (general.length) this.show(t("autosave_not_saved_because", { reason: general.join(" ") }), "error");
    else if (shown) this.show(t("autosave_see_question"), "error");
    else this.show(t("autosave_answer_others"), "waiting");
  }

  showFieldError(name, messages) {
    const escaped = CSS.escape(name);
    const field = this.form.querySelector(`[name="${escaped}"], [name="${escaped}_day"]`);
    let group = field?.closest(".govuk-form-group");
    if (group && group.parentElement?.closest(".govuk-date-input")) {
      group = group.parentElement.closest(".govuk-date-input").closest(".govuk-form-group");
    }
    if (!field || !group) return false;
    const error = document.createElement("p");
    error.className = "govuk-error-message";
    error.id = `${field.id || escaped}-autosave-error`;
    error.dataset.autosaveError = "";
    const hidden = document.createElement("span");
    hidden.className = "govuk-visually-hidden";
    hidden.textContent = t("error_prefix");
    error.append(hidden, ` ${messages.join(" ")}`);
    const anchor = group.querySelector(".govuk-radios, .govuk-checkboxes, .govuk-date-input") || field;
    anchor.before(error);
    group.classList.add("govuk-form-group--error");
    const described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    field.setAttribute("aria-describedby", [...described, error.id].join(" "));
    return true;
  }

  clearErrors() {
    for (const error of this.form.querySelectorAll(".govuk-error-message")) {
      const field = error.id ? this.form.querySelector(`[aria-describedby~="${CSS.escape(error.id)}"]`) : null;
      if (field) {
        const rest = field.getAttribute("aria-describedby").split(" ").filter((id) => id && id !== error.id);
        if (rest.length) field.setAttribute("aria-describedby", rest.join(" "));
        else field.removeAttribute("aria-describedby");
      }
      error.remove();
    }
    for (const group of this.form.querySelectorAll(".govuk-form-group--error")) {
      group.classList.remove("govuk-form-group--error");
    }
  }

  // Someone else saved first: show both versions after the form; the person chooses.
  showConflict(data) {
    this.stash();
    this.removeConflict();
    this.conflict = data;
    this.form.insertAdjacentHTML("afterend", data.html);
    const box = this.form.nextElementSibling;
    box.querySelector('[data-conflict-choice="mine"]')?.addEventListener("click", (event) => {
      event.preventDefault();
      this.keepMine();
    });
    box.querySelector('[data-conflict-choice="theirs"]')?.addEventListener("click", (event) => {
      event.preventDefault();
      this.useTheirs();
    });
    this.show(t("autosave_conflict"), "error");
    box.focus();
  }

  removeConflict() {
    const box = this.form.nextElementSibling;
    if (box && box.matches("[data-autosave-conflict]")) box.remove();
  }

  keepMine() {
    if (this.versionInput) this.versionInput.value = this.conflict.version;
    this.conflict = null;
    this.removeConflict();
    this.save(true);
    this.form.querySelector("textarea, input:not([type='hidden'])")?.focus();
  }

  useTheirs() {
    applyServerValues(this.form, this.conflict.theirs);
    if (this.versionInput) this.versionInput.value = this.conflict.version;
    this.conflict = null;
    this.removeConflict();
    this.lastSaved = this.snapshot();
    this.unstash();
    this.clearErrors();
    this.show(t("autosave_their_version"), "saved");
    this.form.querySelector("textarea, input:not([type='hidden'])")?.focus();
  }

  // The session ended (or its security token changed): keep the text, ask to sign in again.
  signOut(signInUrl) {
    this.stash();
    this.show(t("autosave_signed_out"), "error", {
      href: signInUrl || SIGN_IN_URL, text: t("sign_in_again_new_tab"),
    });
    if (this.signedOut) return;
    this.signedOut = true;
    let later = null;
    const tryAgain = async () => {
      window.clearTimeout(later);
      if (!this.signedOut) return;
      if (await refreshToken()) {
        this.signedOut = false;
        window.removeEventListener("focus", tryAgain);
        this.save(true);
      } else {
        later = window.setTimeout(tryAgain, 15000);
      }
    };
    window.addEventListener("focus", tryAgain);
    later = window.setTimeout(tryAgain, 15000);
  }
}

// After signing in again in another tab the page's security token is out of date: fetch a fresh one.
async function refreshToken() {
  try {
    const response = await fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (!response.ok || response.redirected) return false;
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const token = page.querySelector('input[name="csrfmiddlewaretoken"]')?.value;
    if (!token) return false;
    document.querySelectorAll('input[name="csrfmiddlewaretoken"]').forEach((input) => { input.value = token; });
    return true;
  } catch {
    return false;
  }
}

const started = new WeakSet();

function startAutosave(root) {
  const forms = [...root.querySelectorAll("form[data-autosave]")];
  if (root.matches?.("form[data-autosave]")) forms.push(root);
  for (const form of forms) {
    if (started.has(form)) continue;
    started.add(form);
    savers.push(new Autosave(form));
  }
  savers.splice(0, savers.length, ...savers.filter((saver) => saver.form.isConnected));
}

startAutosave(document);
// Content htmx puts in the page (a stage's section after its add-form added an item) gets its own savers.
document.addEventListener("htmx:load", (event) => startAutosave(event.target));

syncReveals(document);
document.addEventListener("change", (event) => {
  if (event.target.type === "radio" && event.target.form) syncReveals(event.target.form);
});

window.addEventListener("beforeunload", (event) => {
  const unsaved = savers.filter((saver) => !saver.submitting && saver.unsaved());
  if (unsaved.length) {
    unsaved.forEach((saver) => saver.stash());
    event.preventDefault();
    event.returnValue = "";
  }
});
