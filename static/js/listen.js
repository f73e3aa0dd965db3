// Listen: reads the page's main text aloud with the browser's own speech (no outside service).
// Progressive: the button stays hidden where the browser cannot speak.

import { t } from "./messages.js";

const button = document.querySelector("[data-listen-button]");
const main = document.getElementById("main-content");

if (button && main && "speechSynthesis" in window && "SpeechSynthesisUtterance" in window) {
  const words = button.querySelector("span");
  const show = (speaking) => {
    words.textContent = speaking ? t("listen_stop") : t("listen");
    button.setAttribute("aria-pressed", speaking ? "true" : "false");
  };
  const text = () => {
    const copy = main.cloneNode(true);
    copy.querySelectorAll("input, textarea, select, script, [aria-hidden='true']").forEach((el) => el.remove());
    copy.querySelectorAll("img[alt]").forEach((img) => img.replaceWith(` ${img.alt}. `));
    return copy.textContent.replace(/\s+/g, " ").trim();
  };
  button.hidden = false;
  show(false);
  button.addEventListener("click", () => {
    if (window.speechSynthesis.speaking) {
      window.speechSynthesis.cancel();
      show(false);
      return;
    }
    const utterance = new SpeechSynthesisUtterance(text());
    utterance.lang = document.documentElement.lang || "en-GB";
    utterance.rate = 0.9;
    utterance.addEventListener("end", () => show(false));
    utterance.addEventListener("error", () => show(false));
    window.speechSynthesis.speak(utterance);
    show(true);
  });
}
