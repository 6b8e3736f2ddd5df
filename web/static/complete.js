// Completions under the search box: an ARIA 1.2 combobox over /api/complete.
// Without this script the box is a plain search form; with it, typing shows up
// to 8 words of the index that complete the last word typed. Down/Up move
// through them, Enter searches the one chosen (or the text typed), Escape closes
// the list, and a tap or click searches a completion.
"use strict";

(function () {
  const WAIT_MS = 120; // a pause in typing, so that a fast typist costs one request

  function enhance(input) {
    const form = input.form;
    const url = input.dataset.complete;
    const list = document.createElement("ul");
    const status = document.createElement("div");
    let items = [];
    let active = -1;
    let timer = null;
    let request = null;

    list.id = input.id + "-completions";
    list.className = "completions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "اقتراحات");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.after(list, status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");

    function close() {
      list.hidden = true;
      list.replaceChildren();
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function choose(text) {
      input.value = text;
      close();
      form.requestSubmit();
    }

    function show(completions) {
      close();
      if (!completions.length || document.activeElement !== input) {
        status.textContent = "";
        return;
      }
      completions.forEach(function (c, i) {
        const li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dir = "auto";
        li.textContent = c.text;
        // pointerdown, not click: the box keeps its focus and its list stays open.
        li.addEventListener("pointerdown", function (event) {
          event.preventDefault();
          choose(c.text);
        });
        list.append(li);
      });
      items = Array.from(list.children);
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = completions.length.toLocaleString("ar-EG") + " اقتراحات";
    }

    function highlight(i) {
      if (active >= 0) items[active].setAttribute("aria-selected", "false");
      active = i;
      if (i < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      items[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[i].id);
      items[i].scrollIntoView({block: "nearest"});
    }

    function fetchCompletions() {
      const q = input.value;
      if (request) request.abort();
      if (!q.trim() || /\s$/.test(q)) {
        close();
        return;
      }
      request = new AbortController();
      fetch(url + "?" + new URLSearchParams({q: q}), {signal: request.signal})
        .then(function (r) { return r.ok ? r.json() : {completions: []}; })
        .then(function (body) {
          if (body.query === input.value) show(body.completions);
        })
        .catch(function () { /* aborted by newer typing, or offline: no list */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchCompletions, WAIT_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.isComposing) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!items.length) return;
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        // Past either end the highlight returns to the text typed.
        let next = active + step;
        if (next >= items.length) next = -1;
        else if (next < -1) next = items.length - 1;
        highlight(next);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(items[active].textContent);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-complete]").forEach(enhance);
})();
