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

// The branch and tag switcher: fetch the page at the chosen revision and swap the card and its
// facts in place, keeping the URL shareable (?revision=...). Without JS the form's button does it.
function enhanceRevisionSwitcher() {
  for (const select of document.querySelectorAll("select[data-switch-card]")) {
    select.addEventListener("change", async () => {
      const form = select.form;
      const url = form.getAttribute("action") + "?" + new URLSearchParams(new FormData(form));
      try {
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
        if (!response.ok) throw new Error("switch failed: " + response.status);
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        for (const id of ["card"]) {
          const fresh = page.getElementById(id);
          const current = document.getElementById(id);
          if (fresh && current) current.replaceWith(document.adoptNode(fresh));
        }
        const facts = page.querySelector(".repo-side");
        const side = document.querySelector(".repo-side");
        if (facts && side) side.replaceWith(document.adoptNode(facts));
        history.pushState(null, "", url);
        enhanceRevisionSwitcher();
        enhanceCopyButtons();
      } catch (error) {
        form.submit();
      }
    });
  }
}

// The files and commits pages' switcher: go as soon as a revision is picked (the Go button is the
// fallback, hidden once this runs).
function enhanceAutoSubmit() {
  document.documentElement.classList.add("js");
  for (const select of document.querySelectorAll("select.auto-submit")) {
    select.addEventListener("change", () => select.form.requestSubmit());
  }
}

document.addEventListener("DOMContentLoaded", () => {
  enhanceAutoSubmit();
  enhanceLikeForms();
  enhanceCopyButtons();
  enhanceRevisionSwitcher();
});
