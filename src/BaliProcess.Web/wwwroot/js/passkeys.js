// Passkeys (WebAuthn) for the forms marked data-passkey="create" or "get". A form stays hidden unless this browser can
// use passkeys, so without JavaScript the page offers only what works without it. Served from this host (CSP 'self').
(function () {
    "use strict";
    if (!window.PublicKeyCredential || typeof PublicKeyCredential.parseCreationOptionsFromJSON !== "function") {
        return;
    }

    document.querySelectorAll("form[data-passkey]").forEach(function (form) {
        form.hidden = false;
        form.addEventListener("submit", async function (event) {
            if (form.dataset.passkeyReady === "yes") {
                return;
            }

            event.preventDefault();
            if (!form.reportValidity()) {
                return;
            }

            var status = form.querySelector("[data-passkey-status]");
            var button = form.querySelector("button[type=submit]");
            var token = form.querySelector("input[name=__RequestVerificationToken]");
            status.textContent = "";
            button.disabled = true;
            try {
                var response = await fetch(form.dataset.passkeyOptions, {
                    method: "POST",
                    credentials: "same-origin",
                    body: new URLSearchParams({ "__RequestVerificationToken": token ? token.value : "" }),
                });
                if (!response.ok) {
                    throw new Error("options: " + response.status);
                }

                var options = await response.json();
                var credential = form.dataset.passkey === "create"
                    ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
                    : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
                form.querySelector("input[name$=Credential]").value = JSON.stringify(credential.toJSON());
                form.dataset.passkeyReady = "yes";
                form.submit();
            } catch (error) {
                status.textContent = form.dataset.passkeyFailed;
                button.disabled = false;
            }
        });
    });
})();
