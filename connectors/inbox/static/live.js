/* Live takeover page of the intaker inbox: polls the conversation, takes over, sends, hands back.
 * Taking over, sending and handing back answer as soon as the person's chat has the message;
 * a sent message shows at once and stays until the conversation (polled) contains it. */
(function () {
  "use strict";
  var root = document.getElementById("live");
  var api = root.getAttribute("data-api");
  var csrf = root.getAttribute("data-csrf");
  var status = document.getElementById("live-status");
  var log = document.getElementById("gesprek");
  var take = document.getElementById("overnemen");
  var back = document.getElementById("teruggeven");
  var form = document.getElementById("bericht-form");
  var input = document.getElementById("bericht");
  var messages = [];
  var pending = [];
  var paused = null;
  var busy = false;

  function line(m) {
    var p = document.createElement("p");
    var who = document.createElement("span");
    who.className = m.van;
    who.textContent = (m.van === "persoon" ? "Persoon" : m.van === "bot" ? "Assistent" : "Medewerker " + m.naam) +
                      (m.tijd ? " (" + m.tijd + ")" : " (net verstuurd)") + ": ";
    p.appendChild(who);
    p.appendChild(document.createTextNode(m.tekst));
    return p;
  }

  function draw() {
    var seen = messages.filter(function (m) { return m.van === "medewerker"; }).map(function (m) { return m.tekst; });
    pending = pending.filter(function (text) {
      var at = seen.indexOf(text);
      if (at === -1) { return true; }
      seen.splice(at, 1);
      return false;
    });
    var all = messages.concat(pending.map(function (text) { return { van: "medewerker", naam: "(jij)", tekst: text }; }));
    var same = log.childNodes.length <= all.length;
    for (var i = 0; same && i < log.childNodes.length; i += 1) { same = log.childNodes[i].textContent === line(all[i]).textContent; }
    if (!same) { log.textContent = ""; }
    all.slice(log.childNodes.length).forEach(function (m) { log.appendChild(line(m)); });
  }

  function setPaused(value) {
    if (value === paused) { return; }
    paused = value;
    take.hidden = paused;
    back.hidden = !paused;
    form.hidden = !paused;
    status.textContent = paused ? "Jij praat nu met deze persoon. De assistent is gepauzeerd."
                                : "De assistent praat met deze persoon.";
  }

  function call(method, path, body) {
    var options = { method: method, headers: { "X-CSRF-Token": csrf }, credentials: "same-origin" };
    if (body) { options.headers["Content-Type"] = "application/json"; options.body = JSON.stringify(body); }
    return fetch(api + path, options).then(function (reply) {
      return reply.json().then(function (data) {
        if (!reply.ok) { throw new Error(data.fout || ("fout " + reply.status)); }
        return data;
      });
    });
  }
  function failed(error) { status.textContent = "Dat lukte niet: " + error.message; }

  function poll() {
    if (busy) { return; }
    call("GET", "").then(function (state) {
      if (busy) { return; }  /* a takeover or hand-back is on its way: its answer decides */
      setPaused(state.gepauzeerd);
      messages = state.berichten;
      draw();
    }).catch(failed);
  }

  function change(path) {
    busy = true;
    call("POST", path).then(function (state) { setPaused(state.gepauzeerd); }).catch(failed)
      .then(function () { window.setTimeout(function () { busy = false; }, 1500); });
  }

  take.addEventListener("click", function () { change("/overnemen"); });
  back.addEventListener("click", function () { change("/teruggeven"); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    call("POST", "/bericht", { tekst: text }).then(function () {
      pending.push(text);
      draw();
    }).catch(function (error) { input.value = text; failed(error); });
  });
  poll();
  window.setInterval(poll, 2000);
})();
