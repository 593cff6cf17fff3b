// The ticket page's live part: follow /t/<token>/events (SSE) and update the page;
// when the ticket is called, show the window big, beep and vibrate where allowed.
(function () {
  "use strict";
  var root = document.getElementById("ticket");
  if (!root || !window.EventSource) { return; }
  var shown = root.getAttribute("data-state");
  var audio = null;
  var $ = function (id) { return document.getElementById(id); };

  function beep() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) { return; }
      audio = audio || new Ctx();
      if (audio.state === "suspended") { audio.resume(); }
      [0, 0.35, 0.7].forEach(function (at) {
        var osc = audio.createOscillator(), gain = audio.createGain();
        osc.frequency.value = 880; osc.connect(gain); gain.connect(audio.destination);
        gain.gain.setValueAtTime(0.4, audio.currentTime + at);
        gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + at + 0.3);
        osc.start(audio.currentTime + at); osc.stop(audio.currentTime + at + 0.3);
      });
    } catch (e) { /* no sound on this phone */ }
  }

  function alertCitizen() {
    beep();
    if (navigator.vibrate) { try { navigator.vibrate([400, 200, 400, 200, 400]); } catch (e) {} }
  }

  var button = $("alerts");
  if (button) {
    button.classList.remove("hidden");
    button.addEventListener("click", function () {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (Ctx) { audio = audio || new Ctx(); audio.resume(); }
      if (navigator.vibrate) { try { navigator.vibrate(50); } catch (e) {} }
      button.textContent = "已开启提醒";
      button.disabled = true;
    });
  }

  function set(id, value) {
    var el = $(id);
    if (el && value !== null && value !== undefined) { el.textContent = String(value); }
  }

  function update(view) {
    set("state", view.state_zh);
    if (view.state === shown) {
      if (view.state === "waiting") { set("ahead", view.ahead); set("wait", view.wait); }
      if (view.state === "called") { set("window", view.window); }
      return;
    }
    if (view.state === "called" && shown === "waiting" && view.window !== null) {
      set("window", view.window);
      $("called").classList.remove("hidden");
      ["facts", "remind"].forEach(function (id) {
        var el = $(id); if (el) { el.classList.add("hidden"); }
      });
      shown = "called";
      alertCitizen();
      return;
    }
    // any other change (serving, finished with its rating form, no-show, back to
    // waiting): the server draws that page
    window.location.reload();
  }

  var source = new EventSource(root.getAttribute("data-events"));
  source.addEventListener("update", function (e) {
    try { update(JSON.parse(e.data)); } catch (err) { /* keep the page as it is */ }
    set("live", "页面会自动更新，叫到您时会提示。");
    root.setAttribute("data-live", "1");
  });
  source.onerror = function () { set("live", "连接中断，正在重新连接…"); };
})();
