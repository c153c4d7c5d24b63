/* Onderwijsloket Intake: chat widget for the site channel (connectors/site/channel.py).
 * Plain DOM, no innerHTML for content: every text from the server is inserted as text.
 * The socket.io client library (npm socket.io-client) does the protocol. */
(function () {
  "use strict";
  var TOKEN_KEY = "olc-token";
  var OPEN_KEY = "olc-open";
  var base = (document.currentScript && new URL(document.currentScript.src).origin) || window.location.origin;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "class") { node.className = attrs[key]; } else { node.setAttribute(key, attrs[key]); }
    });
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  /* Text with clickable links; everything else stays plain text. */
  function richText(node, text) {
    var parts = String(text).split(/(https?:\/\/[^\s)]+)/g);
    parts.forEach(function (part) {
      if (/^https?:\/\//.test(part)) {
        var trail = part.match(/[.,]+$/);
        var url = trail ? part.slice(0, -trail[0].length) : part;
        var link = el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, url);
        link.appendChild(el("span", { class: "olc-sr" }, " (opent in een nieuw venster)"));
        node.appendChild(link);
        if (trail) { node.appendChild(document.createTextNode(trail[0])); }
      } else if (part) {
        node.appendChild(document.createTextNode(part));
      }
    });
    return node;
  }

  var launcher = el("button", { type: "button", class: "olc-launcher", "aria-expanded": "false",
                                "aria-controls": "olc-panel" }, "Chat met de assistent");
  var panel = el("section", { id: "olc-panel", class: "olc-panel", role: "dialog", "aria-modal": "false",
                              "aria-labelledby": "olc-title", hidden: "" });
  var head = el("div", { class: "olc-head" });
  var titles = el("div");
  titles.appendChild(el("h2", { id: "olc-title" }, "Onderwijsloket assistent"));
  var BOT_LINE = "Je chat met een computer, geen mens.";
  var who = el("p", { class: "olc-who-line" }, BOT_LINE);
  titles.appendChild(who);
  var close = el("button", { type: "button", class: "olc-close", "aria-label": "Chat sluiten" }, "\u00d7");
  head.appendChild(titles);
  head.appendChild(close);
  var tools = el("div", { class: "olc-tools" });
  var human = el("button", { type: "button", class: "olc-human" }, "Praat met een medewerker");
  var restart = el("button", { type: "button", class: "olc-restart" }, "Opnieuw beginnen");
  tools.appendChild(human);
  tools.appendChild(restart);
  var status = el("p", { class: "olc-status", role: "status", "aria-live": "polite" });
  var log = el("div", { class: "olc-log", role: "log", "aria-live": "polite", "aria-label": "Gesprek", tabindex: "0" });
  var typing = el("p", { class: "olc-typing", hidden: "" }, "De assistent typt\u2026");
  var form = el("form", { class: "olc-form" });
  var label = el("label", { for: "olc-input" }, "Je bericht");
  var input = el("input", { id: "olc-input", type: "text", autocomplete: "off", maxlength: "2000",
                            placeholder: "Typ je bericht" });
  var send = el("button", { type: "submit" }, "Verstuur");
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);
  [head, tools, status, log, form].forEach(function (part) { panel.appendChild(part); });
  document.body.appendChild(launcher);
  document.body.appendChild(panel);

  var socket = null;
  var started = false;

  function scroll() { log.scrollTop = log.scrollHeight; }
  function setStatus(text, humanOn) {
    status.textContent = text || "";
    status.classList.toggle("olc-human-on", !!humanOn);
  }
  /* The header, the buttons and the status line follow who is talking: the assistant or a person. */
  var staffName = null;
  function setStaff(name, notice) {
    var here = name !== null && name !== undefined;
    staffName = here ? (name || "een medewerker") : null;
    panel.classList.toggle("olc-staffed", here);
    who.textContent = here ? "Je chat nu met " + staffName + ", een medewerker van het Onderwijsloket." : BOT_LINE;
    human.hidden = here;
    restart.hidden = here;
    typing.textContent = here ? staffName + " typt\u2026" : "De assistent typt\u2026";
    if (here) { showTyping(false); }
    setStatus(here ? staffName + " van het Onderwijsloket praat nu met je. Je praat met een mens."
                   : (notice ? "De assistent is weer terug." : ""), here);
  }
  function removeChoices() {
    Array.prototype.forEach.call(log.querySelectorAll(".olc-choices"), function (group) { group.remove(); });
  }
  function showTyping(on) {
    if (on) { log.appendChild(typing); typing.hidden = false; } else { typing.hidden = true; }
    scroll();
  }

  function addPerson(text) {
    removeChoices();
    log.appendChild(richText(el("p", { class: "olc-msg olc-person" }), text));
    scroll();
  }

  /* "2026-11-23" -> "23-11-2026": one date format everywhere (as in the bot's texts). */
  function dateNl(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? m[3] + "-" + m[2] + "-" + m[1] : "";
  }

  function sourceLink(url, label, date) {
    var link = el("a", { href: url, target: "_blank", rel: "noopener noreferrer" },
                  label + (date ? " (bijgewerkt: " + dateNl(date) + ")" : ""));
    link.appendChild(el("span", { class: "olc-sr" }, " (opent in een nieuw venster)"));
    return link;
  }

  /* A collapsible part of the advice: closed by default, opened with Enter or Space. */
  function fold(cls, title, fill) {
    var box = el("details", { class: cls });
    var head = el("summary");
    head.appendChild(el("h3", {}, title));
    box.appendChild(head);
    fill(box);
    return box;
  }

  function notesList(items) {
    var list = el("ul");
    items.forEach(function (item) {
      var line = el("li", {}, (item.tekst || item) + (item.zeker === false ? " Vraag dit na bij de opleiding." : ""));
      if (item.bron) { line.appendChild(document.createTextNode(" ")); line.appendChild(sourceLink(item.bron, "Bron", item.bijgewerkt)); }
      list.appendChild(line);
    });
    return list;
  }

  /* The advice: the short answer first, then one collapsible card per route (no text twice),
   * then the extra parts, then the regional help. The plain text version the bot also sends
   * (for other channels) is not shown: it says the same. */
  function routeCards(payload) {
    var box = el("section", { class: "olc-advice", "aria-label": "Jouw advies" });
    var short = payload.kort || "";
    if (short) { box.appendChild(el("p", { class: "olc-msg olc-bot olc-advice-short" }, short)); }
    var list = el("ol", { class: "olc-routes", "aria-label": "Routes die bij je passen" });
    (payload.routes || []).forEach(function (route, index) {
      var item = el("li", { class: "olc-card" });
      item.appendChild(fold("olc-route", route.titel, function (body) {
        body.querySelector("summary").insertBefore(
          el("span", { class: "olc-rank" }, index === 0 ? "Beste route" : "Ook mogelijk"), body.querySelector("h3"));
        if (route.waarom && short.indexOf(route.waarom) === -1) { body.appendChild(el("p", {}, route.waarom)); }
        var facts = el("dl");
        facts.appendChild(el("dt", {}, "Duur"));
        facts.appendChild(el("dd", {}, route.duur));
        facts.appendChild(el("dt", {}, "Kosten"));
        facts.appendChild(el("dd", {}, route.kosten));
        body.appendChild(facts);
        if (route.zeker === false) { body.appendChild(el("p", {}, "Vraag dit na bij de opleiding.")); }
        if (route.bron) { body.appendChild(sourceLink(route.bron, "Bron: " + route.titel, route.bijgewerkt)); }
      }));
      list.appendChild(item);
    });
    box.appendChild(list);
    var extra = [
      ["Wat nu nog niet kan", (payload.niet_mogelijk || []).map(function (gap) {
        return { tekst: gap.titel + " kan nu nog niet. Daarvoor heb je nodig: " + (gap.mist || []).join("; ") + ".",
                 bron: gap.bron };
      })],
      ["Wat je al kunt, telt mee", payload.evc || []],
      ["Over geld", (payload.financiering || []).slice(0, 3)],
      ["Je volgende stappen", payload.volgende_stappen || []],
      ["Goed om te weten", payload.opmerkingen || []],
      ["Mijn advies wordt beter als je me dit vertelt", payload.vragen || []],
    ];
    extra.forEach(function (part) {
      if (part[1].length) {
        box.appendChild(fold("olc-card olc-more", part[0], function (body) { body.appendChild(notesList(part[1])); }));
      }
    });
    if (payload.loket && payload.loket.url) {
      var office = el("p", { class: "olc-office" }, "Hulp bij jou in de regio: ");
      office.appendChild(sourceLink(payload.loket.url, payload.loket.naam));
      box.appendChild(office);
    }
    return box;
  }

  /* Once the advice is there, the questions and answers before it fold into one closed
   * "Eerdere berichten" part at the top, so the advice is near the top of the chat. The
   * bot message just before the advice stays visible. Nothing is removed. */
  function foldEarlier(advice) {
    var earlier = log.querySelector(".olc-earlier");
    if (!earlier) {
      earlier = el("details", { class: "olc-earlier" });
      earlier.appendChild(el("summary", {}, "Eerdere berichten"));
      log.insertBefore(earlier, log.firstChild);
    }
    var keep = advice.previousElementSibling;
    while (keep && !keep.classList.contains("olc-msg")) { keep = keep.previousElementSibling; }
    var node = earlier.nextElementSibling;
    while (node && node !== keep && node !== advice) {
      var next = node.nextElementSibling;
      if (node !== typing) { earlier.appendChild(node); }
      node = next;
    }
    var count = earlier.querySelectorAll(".olc-msg").length;
    earlier.querySelector("summary").textContent = "Eerdere berichten (" + count + ")";
    if (!count) { earlier.remove(); }
  }

  function handoffSummary(summary) {
    var box = el("section", { class: "olc-summary", "aria-label": "Wat ik deel met een medewerker" });
    box.appendChild(el("h3", {}, "Dit deel ik met een medewerker"));
    var list = el("ul");
    var contact = summary.contact || {};
    [["Naam", contact.naam], ["E-mail", contact.email], ["Telefoon", contact.telefoon],
     ["Samenvatting", summary.samenvatting]].forEach(function (pair) {
      if (pair[1]) { list.appendChild(el("li", {}, pair[0] + ": " + pair[1])); }
    });
    box.appendChild(list);
    return box;
  }

  function addBot(message) {
    showTyping(false);
    if (message.custom && message.custom.type === "medewerker_status") {
      var here = message.custom.status === "aanwezig";
      var name = message.custom.naam || message.medewerker || "";
      setStaff(here ? name : null, true);
      log.appendChild(el("p", { class: "olc-msg olc-notice" }, here
        ? "Hoi! " + (name || "Een medewerker") + " van het Onderwijsloket doet nu mee in dit gesprek. Je praat nu met een mens."
        : (name || "De medewerker") + " is uit het gesprek gegaan. Bedankt voor het gesprek! Je praat weer met de assistent."));
      scroll();
      return;
    }
    var adviceText = message.tekst === "advies";  /* the text version of the advice: the cards show it */
    if (message.text && !adviceText) {
      removeChoices();
      var cls = message.medewerker ? "olc-msg olc-staff" : (message.systeem ? "olc-msg olc-system" : "olc-msg olc-bot");
      var bubble = el("div", { class: cls });
      bubble.appendChild(el("span", { class: message.medewerker ? "olc-who" : "olc-sr" },
                            message.medewerker ? "Medewerker " + message.medewerker + ":" : "Assistent:"));
      richText(bubble, message.text);
      log.appendChild(bubble);
    }
    if (message.custom && message.custom.type === "route_suggestions") {
      var advice = routeCards(message.custom);
      var groups = log.querySelectorAll(".olc-choices");
      var group = groups[groups.length - 1];
      var after = group && group.nextElementSibling;
      if (group && (!after || after === typing)) { log.insertBefore(advice, group); } else { log.appendChild(advice); }
      foldEarlier(advice);
      log.scrollTop = advice.offsetTop - log.offsetTop - 8;  /* read the advice from its start */
      return;
    }
    if (message.custom && message.custom.type === "handoff_summary") {
      log.appendChild(handoffSummary(message.custom.summary || {}));
    }
    if (message.buttons && message.buttons.length) {
      if (adviceText) { removeChoices(); }
      var group = el("div", { class: "olc-choices", role: "group", "aria-label": "Kies een antwoord" });
      message.buttons.forEach(function (button) {
        var choice = el("button", { type: "button" }, button.title);
        choice.addEventListener("click", function () { say(button.payload, button.title); input.focus(); });
        group.appendChild(choice);
      });
      log.appendChild(group);
    }
    scroll();
  }

  function say(message, shown) {
    if (!socket || !socket.connected) {
      setStatus("Geen verbinding. Je bericht is niet verstuurd. Probeer het zo opnieuw.");
      input.value = shown || message;
      return;
    }
    addPerson(shown || message);
    socket.emit("user_uttered", { message: message });
  }

  function connect() {
    if (socket) { return; }
    socket = window.io(base, { path: "/webhooks/site/socket.io", transports: ["websocket", "polling"] });
    socket.on("connect", function () {
      socket.emit("session_request", { token: window.localStorage.getItem(TOKEN_KEY) });
    });
    socket.on("connect_error", function () { setStatus("Ik kan geen verbinding maken. Ik probeer het opnieuw."); });
    socket.on("disconnect", function () { setStatus("De verbinding is verbroken. Ik probeer opnieuw te verbinden."); });
    socket.on("session_confirm", function (data) {
      window.localStorage.setItem(TOKEN_KEY, data.token);
      if (status.textContent.indexOf("verbinding") !== -1) { setStatus(""); }
      if (data.nieuw && !started) {
        started = true;
        socket.emit("user_uttered", { message: "/greet" });
      }
    });
    socket.on("history", function (data) {
      started = true;
      log.textContent = "";
      (data.berichten || []).forEach(function (item) {
        if (item.van === "persoon") {
          if (item.text.charAt(0) !== "/") { addPerson(item.text); }
        } else { addBot(item); }
      });
      setStaff(data.gepauzeerd ? (data.medewerker || staffName || "") : null, false);
      if (!log.childNodes.length) { socket.emit("user_uttered", { message: "/greet" }); }
    });
    socket.on("bot_uttered", addBot);
    socket.on("user_echo", function (data) { if (data.text.charAt(0) !== "/") { addPerson(data.text); } });
    socket.on("typing", function (data) { showTyping(!!data.aan && staffName === null); });
    socket.on("afgewezen", function (data) {
      removeLastPerson();
      input.value = data.message || "";
    });
    socket.on("fout", function () { setStatus("Er ging iets mis. Laad de pagina opnieuw."); });
  }

  function removeLastPerson() {
    var items = log.querySelectorAll(".olc-person");
    if (items.length) { items[items.length - 1].remove(); }
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    window.sessionStorage.setItem(OPEN_KEY, "1");
    connect();
    input.focus();
  }
  function shut() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    window.sessionStorage.removeItem(OPEN_KEY);
    launcher.focus();
  }

  launcher.addEventListener("click", function () { if (panel.hidden) { open(); } else { shut(); } });
  close.addEventListener("click", shut);
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") { event.preventDefault(); shut(); } });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { setStatus("Typ eerst een bericht."); return; }
    input.value = "";
    say(text);
  });
  human.addEventListener("click", function () { say("/human_handoff", "Praat met een medewerker"); });
  restart.addEventListener("click", function () {
    log.textContent = "";
    setStatus("");
    say("/restart", "Opnieuw beginnen");
  });
  if (window.sessionStorage.getItem(OPEN_KEY)) { open(); }
})();
