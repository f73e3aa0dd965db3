// The words the scripts show, in the page's language: read from the JSON block that every page
// carries (openpie/common/js_messages.py lists them). t("saved_at", {time: "14:02"}) fills in
// %(time)s. A key the page does not carry is shown as itself, so a missing word is visible.
let messages;

export function t(key, params = {}) {
  if (!messages) {
    const block = document.getElementById("openpie-messages");
    messages = block ? JSON.parse(block.textContent) : {};
  }
  const text = messages[key] ?? key;
  return text.replace(/%\((\w+)\)s/g, (_whole, name) => String(params[name] ?? ""));
}
