// Passkeys (WebAuthn): make one on the add page, use one on the sign-in page and at the second step.
// The browser's own WebAuthn JSON functions turn the server's options into what navigator.credentials
// takes, and its answer back into JSON for the form. Without them (or without JavaScript) the passkey
// buttons stay hidden and everything else works as before.
const supported =
  typeof window.PublicKeyCredential === "function" &&
  typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function" &&
  typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function";

function showError(form) {
  const box = form.querySelector("[data-passkey-error]");
  if (box) {
    box.hidden = false;
    box.focus();
  }
}

async function answer(form, ask) {
  try {
    const credential = await ask();
    form.elements.credential.value = JSON.stringify(credential.toJSON());
    form.submit();
  } catch {
    showError(form); // cancelled, timed out, or no passkey for this site on this device
  }
}

for (const form of document.querySelectorAll("[data-passkey-create]")) {
  if (!supported) continue;
  form.querySelector("[data-passkey-unsupported]")?.setAttribute("hidden", "");
  form.querySelector("[data-passkey-button]")?.removeAttribute("hidden");
  form.addEventListener("submit", (event) => {
    if (!form.elements.name.value.trim()) return; // the server asks for a name
    event.preventDefault();
    const options = JSON.parse(document.getElementById(form.dataset.passkeyCreate).textContent);
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(options.publicKey);
    answer(form, () => navigator.credentials.create({ publicKey }));
  });
}

for (const form of document.querySelectorAll("[data-passkey-get]")) {
  if (!supported) continue;
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    answer(form, async () => {
      const reply = await fetch(form.dataset.passkeyGet, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": form.elements.csrfmiddlewaretoken.value },
      });
      if (!reply.ok) throw new Error(`passkey options: ${reply.status}`);
      const options = await reply.json();
      const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(options.publicKey);
      return navigator.credentials.get({ publicKey });
    });
  });
}
