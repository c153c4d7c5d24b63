/* Live takeover page of the intaker inbox: polls the conversation, takes over, sends, hands back. */
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
  var shown = 0;

  function render(state) {
    take.hidden = state.gepauzeerd;
    back.hidden = !state.gepauzeerd;
    form.hidden = !state.gepauzeerd;
    status.textContent = state.gepauzeerd ? "Jij praat nu met deze persoon. De assistent is gepauzeerd."
                                          : "De assistent praat met deze persoon.";
    if (state.berichten.length < shown) { log.textContent = ""; shown = 0; }
    state.berichten.slice(shown).forEach(function (m) {
      var p = document.createElement("p");
      var who = document.createElement("span");
      who.className = m.van;
      who.textContent = (m.van === "persoon" ? "Persoon" : m.van === "bot" ? "Assistent" : "Medewerker " + m.naam) +
                        " (" + m.tijd + "): ";
      p.appendChild(who);
      p.appendChild(document.createTextNode(m.tekst));
      log.appendChild(p);
    });
    shown = state.berichten.length;
  }

  function call(method, path, body) {
    var options = { method: method, headers: { "X-CSRF-Token": csrf }, credentials: "same-origin" };
    if (body) { options.headers["Content-Type"] = "application/json"; options.body = JSON.stringify(body); }
    return fetch(api + path, options).then(function (reply) {
      return reply.json().then(function (data) {
        if (!reply.ok) { throw new Error(data.fout || ("fout " + reply.status)); }
        return data;
      });
    }).then(render).catch(function (error) { status.textContent = "Dat lukte niet: " + error.message; });
  }

  take.addEventListener("click", function () { call("POST", "/overnemen"); });
  back.addEventListener("click", function () { call("POST", "/teruggeven"); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    call("POST", "/bericht", { tekst: text });
  });
  call("GET", "");
  window.setInterval(function () { call("GET", ""); }, 2000);
})();
