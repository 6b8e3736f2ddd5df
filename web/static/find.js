// Moving between the matches of a document page's own search box without
// reloading. Without this script the previous/next links load the page at the
// match before or after (…?at=3#m3) and :target marks it; with it, they and
// Enter / Shift+Enter in the box (while its text is the query marked) move the
// current match, scroll to it and announce «التطابق ٣ من ١٢».
"use strict";

(function () {
  const bar = document.querySelector(".find");
  const count = bar ? Number(bar.dataset.count) : 0;
  if (!count) {
    return;
  }
  const input = bar.querySelector("input[name=q]");
  const query = input.value;
  const at = bar.querySelector(".at");
  const links = { prev: bar.querySelector("a.prev"), next: bar.querySelector("a.next") };
  let current = Number(bar.dataset.at) || 1;

  document.documentElement.classList.add("finding"); // the current mark is a class, not :target

  function wrap(n) {
    return ((n - 1 + count) % count) + 1;
  }

  function href(link, n) {
    const url = new URL(link.href);
    url.searchParams.set("at", String(n));
    url.hash = "m" + n;
    return url.href;
  }

  function show(n, scroll) {
    const old = document.getElementById("m" + current);
    const mark = document.getElementById("m" + n);
    if (!mark) {
      return;
    }
    if (old) {
      old.classList.remove("current");
    }
    mark.classList.add("current");
    current = n;
    at.textContent = n.toLocaleString("ar-EG");
    links.prev.href = href(links.prev, wrap(n - 1));
    links.next.href = href(links.next, wrap(n + 1));
    if (scroll) {
      // The address names the match shown, for a reload or a shared link.
      history.replaceState(null, "", href(links.next, n));
      mark.scrollIntoView({ block: "center" });
    }
  }

  function step(by) {
    show(wrap(current + by), true);
  }

  links.prev.addEventListener("click", function (event) {
    event.preventDefault();
    step(-1);
  });
  links.next.addEventListener("click", function (event) {
    event.preventDefault();
    step(1);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && input.value === query) {
      event.preventDefault(); // the same query again: the next match, as a browser's find does
      step(event.shiftKey ? -1 : 1);
    }
  });

  // Opened at a match (#m3), or at a page (#page-3, a hit's page): the current
  // match is that one, or the first on that page.
  const target = /^#m(\d+)$/.exec(location.hash);
  const page = /^#page-\d+$/.test(location.hash) && document.getElementById(location.hash.slice(1));
  if (page) {
    const marks = document.querySelectorAll("article.document mark[id]");
    const after = Array.from(marks).find(function (mark) {
      return page.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    current = after ? Number(after.id.slice(1)) : current;
  }
  show(target ? wrap(Number(target[1])) : current, Boolean(target));
})();
