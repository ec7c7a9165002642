// Web chat: talks to /api/message. Everything shown is set with textContent: nothing a user or
// the bot writes is ever interpreted as HTML. Links (https only) become <a> elements.
(function () {
  "use strict";
  var config = JSON.parse(document.body.getAttribute("data-config") || "{}");
  var log = document.getElementById("log");
  var form = document.getElementById("ask");
  var input = document.getElementById("text");
  var sender = sessionStorage.getItem("wnl-sender");
  if (!sender) {
    sender = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
    sessionStorage.setItem("wnl-sender", sender);
  }
  function strings() {
    var all = config.strings || {};
    return all[document.documentElement.lang] || all.en || {};
  }

  // The page's own labels follow the conversation language.
  function relabel(lang) {
    if (!lang || lang === document.documentElement.lang) { return; }
    document.documentElement.lang = lang;
    var s = strings();
    Array.prototype.forEach.call(document.querySelectorAll("[data-s]"), function (el) {
      var key = el.getAttribute("data-s");
      if (s[key]) { el.textContent = s[key]; }
    });
    var nav = document.querySelector("[data-s-label]");
    if (nav && s.language_label) { nav.setAttribute("aria-label", s.language_label); }
    if (s.title) { document.title = s.title; }
  }

  // https links, bare sites such as workinnl.nl, e-mail addresses and Dutch phone numbers
  // ("0800 51 51", "033 448 11 86", "0900-8020", "112") become links a phone can tap.
  var LINK = /([\w.+-]+@[\w-]+(?:\.[\w-]+)+|https:\/\/[^\s<>"]+|\b[a-z0-9-]+\.(?:nl|nu|com)\b(?:\/[^\s<>"]*)?|\b0\d{2,3}(?:[ -]\d{2,4}){1,3}\b|\b112\b)/gi;

  function addText(parent, text) {
    var last = 0;
    text.replace(LINK, function (match, _g, offset) {
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var url = match.indexOf("@") > 0 ? "mailto:" + match
        : /^[\d -]+$/.test(match) ? "tel:" + match.replace(/[ -]/g, "")
        : match.indexOf("https://") === 0 ? match : "https://" + match;
      var a = document.createElement("a");
      a.href = url;
      a.rel = "noopener noreferrer";
      if (url.indexOf("https://") === 0) { a.target = "_blank"; }
      a.textContent = match;
      parent.appendChild(a);
      last = offset + match.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function show(who, text, buttons) {
    var li = document.createElement("li");
    li.className = who;
    addText(li, text || "");
    if (buttons && buttons.length) {
      var box = document.createElement("div");
      box.className = "replies";
      buttons.forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = b.title;
        button.addEventListener("click", function () { send(b.payload, b.title); });
        box.appendChild(button);
      });
      li.appendChild(box);
    }
    log.appendChild(li);
    li.scrollIntoView({block: "end"});
  }

  function send(message, shown) {
    if (shown !== null) { show("user", shown === undefined ? message : shown); }
    var metadata = {src: config.src || "web", browser_lang: navigator.language || ""};
    if (config.lang) { metadata.lang = config.lang; }
    fetch("/api/message", {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({sender: sender, message: message, metadata: metadata})
    }).then(function (r) {
      if (r.status === 429) { throw new Error("slow_down"); }
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    }).then(function (data) {
      (data.messages || []).forEach(function (m) { show("bot", m.text, m.buttons); });
      relabel(data.lang);
    }).catch(function (error) {
      show("bot", error && error.message === "slow_down" ? strings().slow_down : strings().error);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send(text);
  });
  Array.prototype.forEach.call(document.querySelectorAll("button.lang"), function (b) {
    b.addEventListener("click", function () {
      send('/choose_language{"lang": "' + b.getAttribute("data-lang") + '"}', b.textContent);
    });
  });
  // Open with the deep-linked topic, or a greeting with the topic menu.
  send(config.topic ? "/" + config.topic : "/greet", null);
  input.focus();
})();
