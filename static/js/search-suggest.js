/* Suggestions as you type for the site search box (#site-search, or any input with data-suggest).
 *
 * The box stays a plain GET form to /zoeken/: without this script (or when the request fails) pressing Enter
 * searches as before. With it, the input becomes an ARIA 1.2 combobox with a listbox of titles from
 * /zoeken/suggesties/?q=...: Down/Up move through the options, Enter opens the highlighted one (or searches when
 * none is highlighted), Escape closes the list, and a status line tells screen reader users how many there are.
 * Text is set with textContent only; the texts come translated from the server. No inline script (strict CSP).
 */
(function () {
  "use strict";

  var ENDPOINT = "/zoeken/suggesties/";
  var DELAY_MS = 200;

  function attach(input, index) {
    var listId = "search-suggestions-" + index;
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var options = [];
    var active = -1;
    var timer = null;
    var controller = null;

    list.id = listId;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    if (input.labels && input.labels.length) {
      list.setAttribute("aria-labelledby", input.labels[0].id || (input.labels[0].id = listId + "-label"));
    }
    status.className = "visually-hidden";
    status.setAttribute("role", "status");

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");
    input.parentNode.classList.add("suggest-host");
    input.parentNode.insertBefore(list, input.nextSibling);
    input.parentNode.insertBefore(status, list.nextSibling);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(next) {
      if (!options.length) { return; }
      if (active >= 0) { options[active].setAttribute("aria-selected", "false"); }
      active = (next + options.length) % options.length;
      options[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function show(data) {
      list.textContent = "";
      options = [];
      active = -1;
      (data.suggestions || []).forEach(function (item, i) {
        var option = document.createElement("li");
        var kind = document.createElement("span");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = item.url;
        var title = document.createElement("span");
        title.lang = "nl";  // titles are what editors wrote, in Dutch; the kind is in the reader's language
        title.textContent = item.title;
        option.appendChild(title);
        option.appendChild(document.createTextNode(" "));
        kind.className = "muted";
        kind.textContent = "(" + item.kind + ")";
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { window.location.assign(item.url); });
        list.appendChild(option);
        options.push(option);
      });
      status.textContent = data.status || "";
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      if (controller) { controller.abort(); }
      if (text.length < 2) { show({ suggestions: [] }); return; }
      controller = new AbortController();
      fetch(ENDPOINT + "?q=" + encodeURIComponent(text), {
        headers: { "Accept": "application/json" }, signal: controller.signal, credentials: "same-origin"
      }).then(function (response) {
        return response.ok ? response.json() : { suggestions: [] };
      }).then(show).catch(function () { /* aborted or offline: the plain form still works */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (list.hidden && options.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
        event.preventDefault();
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        window.location.assign(options[active].dataset.url);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  function init() {
    var inputs = document.querySelectorAll("#site-search, input[data-suggest]");
    Array.prototype.forEach.call(inputs, attach);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
