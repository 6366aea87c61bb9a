// hfhub web UI: small progressive enhancements. Every page works without this file.
"use strict";

// The like button: POST the same form with fetch and update it in place.
function enhanceLikeForms() {
  for (const form of document.querySelectorAll("form.like-form")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button");
      const intent = form.querySelector("input[name=intent]");
      button.disabled = true;
      try {
        const response = await fetch(form.getAttribute("action"), {
          method: "POST",
          body: new URLSearchParams(new FormData(form)),
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        if (!response.ok) throw new Error("like failed: " + response.status);
        const state = await response.json();
        intent.value = state.liked ? "unlike" : "like";
        button.setAttribute("aria-pressed", state.liked ? "true" : "false");
        form.querySelector(".like-label").textContent = state.liked ? "Liked" : "Like";
        form.querySelector(".like-count").textContent = String(state.likes);
      } catch (error) {
        form.submit(); // fall back to the plain form post
      } finally {
        button.disabled = false;
      }
    });
  }
}

// Copy buttons next to the clone and download snippets.
function enhanceCopyButtons() {
  for (const button of document.querySelectorAll("button.copy-button")) {
    button.addEventListener("click", async () => {
      const target = document.getElementById(button.dataset.copyTarget);
      if (!target || !navigator.clipboard) return;
      await navigator.clipboard.writeText(target.textContent);
      const label = button.textContent;
      button.textContent = "Copied";
      setTimeout(() => { button.textContent = label; }, 1500);
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  enhanceLikeForms();
  enhanceCopyButtons();
});
