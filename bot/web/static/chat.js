// Web chat: talks to /api/message. Everything shown is set with textContent: nothing a user or
// the bot writes is ever interpreted as HTML. Links (https only) become <a> elements.
// Nothing is lost: messages are sent one at a time in order, kept on the phone while offline,
// and the conversation is kept on this phone only (localStorage) for the retention period, so a
// reload, the back button or a discarded tab shows it again; "forget" deletes it.
(function () {
  "use strict";
  var config = JSON.parse(document.body.getAttribute("data-config") || "{}");
  var log = document.getElementById("log");
  var form = document.getElementById("ask");
  var input = document.getElementById("text");
  var status = document.getElementById("status");
  var KEY = "wnl-chat";
  var KEEP_MESSAGES = 60;
  var KEEP_MS = (config.keep_days || 30) * 24 * 3600 * 1000;
  var RETRY_MS = 15000;

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(KEY) || "null");
      if (saved && saved.sender && Date.now() - saved.saved < KEEP_MS) { return saved; }
    } catch (e) { /* unreadable: start afresh */ }
    return null;
  }
  var state = load() || {sender: null, lang: null, messages: [], queue: []};
  if (!state.sender) {
    state.sender = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
  }
  function save() {
    state.saved = Date.now();
    state.messages = state.messages.slice(-KEEP_MESSAGES);
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* full: go on */ }
  }

  function strings() {
    var all = config.strings || {};
    return all[document.documentElement.lang] || all.en || {};
  }

  // The page's own labels follow the conversation language.
  function relabel(lang) {
    if (!lang) { return; }
    state.lang = lang;
    Array.prototype.forEach.call(document.querySelectorAll("button.lang"), function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-lang") === lang ? "true" : "false");
    });
    if (lang === document.documentElement.lang) { return; }
    document.documentElement.lang = lang;
    var s = strings();
    Array.prototype.forEach.call(document.querySelectorAll("[data-s]"), function (el) {
      var key = el.getAttribute("data-s");
      if (s[key]) { el.textContent = s[key]; }
    });
    if (s.title) { document.title = s.title; }
    Array.prototype.forEach.call(document.querySelectorAll("a[data-page]"), function (a) {
      a.href = "/" + a.getAttribute("data-page") + "?lang=" + encodeURIComponent(lang);
    });
  }

  // https links, bare sites such as workinnl.nl, e-mail addresses and Dutch phone numbers
  // ("0800 51 51", "033 448 11 86", "0900-8020", "112") become links a phone can tap.
  var LINK = /([\w.+-]+@[\w-]+(?:\.[\w-]+)+|https:\/\/[^\s<>"]+|\b[a-z0-9-]+\.(?:nl|nu|com)\b(?:\/[^\s<>"]*)?|\b0\d{2,3}(?:[ -]\d{2,4}){1,3}\b|\b112\b)/gi;
  // A source line of an answer: "Title: https://..." is shown as a link named by its title.
  var SOURCE = /^(.+): (https:\/\/\S+)$/;

  function link(url, text) {
    var a = document.createElement("a");
    a.href = url;
    a.rel = "noopener noreferrer";
    if (url.indexOf("https://") === 0) { a.target = "_blank"; }
    a.textContent = text;
    return a;
  }

  function addLine(parent, line) {
    var source = SOURCE.exec(line);
    if (source) { parent.appendChild(link(source[2], source[1])); return; }
    var last = 0;
    line.replace(LINK, function (match, _g, offset) {
      parent.appendChild(document.createTextNode(line.slice(last, offset)));
      var url = match.indexOf("@") > 0 ? "mailto:" + match
        : /^[\d -]+$/.test(match) ? "tel:" + match.replace(/[ -]/g, "")
        : match.indexOf("https://") === 0 ? match : "https://" + match;
      parent.appendChild(link(url, match));
      last = offset + match.length;
      return match;
    });
    parent.appendChild(document.createTextNode(line.slice(last)));
  }

  function addText(parent, text) {
    text.split("\n").forEach(function (line, i) {
      if (i) { parent.appendChild(document.createTextNode("\n")); }
      addLine(parent, line);
    });
  }

  function render(m) {
    var li = document.createElement("li");
    li.className = m.who + (m.waiting ? " waiting" : "");
    if (m.lang) { li.lang = m.lang; }
    // Who speaks, for screen readers (chat.css shows it to them only).
    var speaker = m.who === "user" ? strings().you
      : m.who.indexOf("person") >= 0 ? strings().person : strings().bot;
    li.setAttribute("data-speaker", speaker || "");
    addText(li, m.text || "");
    if (m.buttons && m.buttons.length) {
      var box = document.createElement("div");
      box.className = "replies";
      m.buttons.forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = b.title;
        button.addEventListener("click", function () { ask(b.payload, b.title); });
        box.appendChild(button);
      });
      li.appendChild(box);
    }
    if (m.who === "bot" && m.topic && m.topic !== "find_informatiepunt" &&
        (m.text || "").split("\n").some(function (l) { return SOURCE.test(l); })) {
      li.appendChild(answerTools(m));
    } else if (m.who === "bot" && m.calendar) {  // a worked-out day: not shared, it is theirs
      var tools = document.createElement("div");
      tools.className = "answer-tools";
      tools.appendChild(calendarButton(m));
      li.appendChild(tools);
    }
    log.appendChild(li);
    return li;
  }

  // "Send to a friend": the answer, its sources and date, and a link that opens the bot on
  // this topic in this language. Nothing about the worker: no id, no town, no question.
  function shareText(m) {
    var url = location.origin + "/?lang=" + encodeURIComponent(m.lang || "en") +
      "&topic=" + encodeURIComponent(m.topic);
    return m.text + "\n\n" + url;
  }
  function voiceFor(lang) {
    if (!window.speechSynthesis || !window.SpeechSynthesisUtterance) { return null; }
    var voices = speechSynthesis.getVoices() || [];
    return voices.filter(function (v) {
      return (v.lang || "").toLowerCase().indexOf(lang) === 0;
    })[0] || null;
  }
  function toolButton(label, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "tool";
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }
  function answerTools(m) {
    var box = document.createElement("div");
    box.className = "answer-tools";
    box.appendChild(toolButton(strings().share || "Share", function () {
      var text = shareText(m);
      if (navigator.share) {
        navigator.share({text: text}).catch(function () { /* the worker closed the sheet */ });
      } else if (navigator.clipboard) {
        navigator.clipboard.writeText(text).then(function () { note(strings().copied); });
      }
    }));
    var listen = toolButton(strings().listen || "Listen", function () {
      var voice = voiceFor(m.lang || "en");
      if (!voice) { return; }
      speechSynthesis.cancel();
      // Read the words, not the web addresses.
      var words = new SpeechSynthesisUtterance(m.text.replace(/https:\/\/\S+/g, ""));
      words.lang = voice.lang;
      words.voice = voice;
      speechSynthesis.speak(words);
    });
    listen.className = "tool listen";
    listen.hidden = !voiceFor(m.lang || "en");  // only where the phone has a voice for it
    box.appendChild(listen);
    if (m.calendar) { box.appendChild(calendarButton(m)); }
    return box;
  }
  function calendarButton(m) {
    var add = toolButton(strings().calendar || "Add to calendar", function () {
      download("work-in-nl-" + m.calendar + ".ics", calendarFile(m), "text/calendar");
    });
    add.className = "tool calendar";
    return add;
  }

  // "Add to calendar": an iCalendar file (RFC 5545) made here, on the phone: the day the bot
  // worked out, as an all-day entry with the answer as its note. Nothing goes to a server.
  function icsText(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r?\n/g, "\\n");
  }
  function fold(line) {  // lines of at most 75 octets, continued with a space
    var out = [], current = "", size = 0;
    Array.from(line).forEach(function (ch) {
      var octets = unescape(encodeURIComponent(ch)).length;
      if (size + octets > 74) { out.push(current); current = " "; size = 1; }
      current += ch;
      size += octets;
    });
    return out.concat([current]).join("\r\n");
  }
  function calendarFile(m) {
    var day = m.calendar.replace(/-/g, "");
    var next = new Date(m.calendar + "T00:00:00Z");
    next.setUTCDate(next.getUTCDate() + 1);
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    var url = location.origin + "/?lang=" + encodeURIComponent(m.lang || "en") +
      "&topic=" + encodeURIComponent(m.topic || "");
    return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Work in NL//chat//EN", "BEGIN:VEVENT",
      "UID:" + day + "-" + Math.random().toString(36).slice(2) + "@workinnl-chat",
      "DTSTAMP:" + stamp, "DTSTART;VALUE=DATE:" + day,
      "DTEND;VALUE=DATE:" + next.toISOString().slice(0, 10).replace(/-/g, ""),
      "SUMMARY:" + icsText(strings().calendar_title || "Work in NL"),
      "DESCRIPTION:" + icsText(m.text + "\n\n" + url), "TRANSP:TRANSPARENT",
      "END:VEVENT", "END:VCALENDAR"].map(fold).join("\r\n") + "\r\n";
  }
  function download(name, text, type) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], {type: type}));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  if (window.speechSynthesis) {
    speechSynthesis.addEventListener("voiceschanged", function () {
      Array.prototype.forEach.call(document.querySelectorAll("#log li.bot"), function (li) {
        var b = li.querySelector("button.listen");
        if (b) { b.hidden = !voiceFor(li.lang || "en"); }
      });
    });
  }

  function show(m, keep) {
    if (keep !== false) { state.messages.push(m); save(); }
    return render(m);
  }

  var offlineNoted = false;  // the status says "offline": cleared once a message gets through
  function note(text, offline) {
    status.textContent = text || "";
    offlineNoted = Boolean(offline);
  }

  var typing = null;
  function showTyping(on) {
    if (on && !typing) {
      typing = document.createElement("li");
      typing.className = "typing";
      typing.textContent = strings().typing || "…";
      log.appendChild(typing);
    } else if (!on && typing) {
      typing.remove();
      typing = null;
    }
  }

  // One message at a time, in the order asked: answers can never come back out of order.
  var busy = false;
  function next() {
    if (busy || !state.queue.length) { return; }
    var item = state.queue[0];
    busy = true;
    form.setAttribute("aria-busy", "true");
    showTyping(true);
    var metadata = {src: config.src || "web", browser_lang: navigator.language || ""};
    if (config.lang) { metadata.lang = config.lang; }
    fetch("/api/message", {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({sender: state.sender, message: item.message, metadata: metadata})
    }).then(function (r) {
      if (r.status === 429) { throw new Error("slow_down"); }
      if (!r.ok) { throw new Error("refused"); }
      return r.json();
    }).then(function (data) {
      state.queue.shift();
      relabel(data.lang);
      var first = null;
      (data.messages || []).forEach(function (m) {
        // The day worked out belongs to the first message: the one that states it.
        var li = show({who: "bot", text: m.text, buttons: m.buttons, lang: state.lang,
                       topic: data.topic || null, calendar: first ? null : data.calendar || null});
        first = first || li;
      });
      markSent(item.id);
      if (item.typed && input.value === item.typed) { input.value = ""; }
      // Back online: the offline note goes. "Conversation deleted" stays to be read, even when
      // the new greeting comes at once.
      if (offlineNoted) { note(""); }
      done();
      // The start of the answer at the top of the screen: "your passport belongs to you" is
      // read first, not scrolled past.
      if (first) { first.scrollIntoView({block: "start"}); }
      next();
    }).catch(function (error) {
      var reason = error && error.message;
      if (reason === "slow_down" || reason === "refused") {
        state.queue.shift();
        save();
        done();
        show({who: "bot", text: reason === "slow_down" ? strings().slow_down : strings().error,
              lang: state.lang});
        next();
      } else {  // no connection: the message waits on the phone and goes when it is back
        done();
        note(strings().offline, true);
        setTimeout(next, RETRY_MS);
      }
    });
  }
  function done() {
    busy = false;
    showTyping(false);
    form.removeAttribute("aria-busy");
  }
  function markSent(id) {
    state.messages.forEach(function (m) { if (m.id === id) { delete m.waiting; } });
    save();
    var li = log.querySelector("li[data-id='" + id + "']");
    if (li) { li.classList.remove("waiting"); }
  }

  function ask(message, shown, typed) {
    var id = String(Date.now()) + Math.random().toString(36).slice(2, 6);
    if (shown !== null) {
      var li = show({who: "user", text: shown === undefined ? message : shown, id: id,
                     waiting: true, lang: state.lang || document.documentElement.lang});
      li.setAttribute("data-id", id);
      talking();
      li.scrollIntoView({block: "nearest"});
    }
    state.queue.push({id: id, message: message, typed: typed || null});
    save();
    next();
  }

  function talking() { document.body.classList.add("talking"); }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    // Pressing Send again while it is on its way sends it once.
    if (state.queue.some(function (q) { return q.typed === input.value; })) { return; }
    // The text stays in the field until the server has it; offline it waits in the queue.
    if (!navigator.onLine) { input.value = ""; }
    ask(text, undefined, input.value);
  });
  Array.prototype.forEach.call(document.querySelectorAll("button.lang"), function (b) {
    b.addEventListener("click", function () {
      var name = b.querySelector(".name");
      ask('/choose_language{"lang": "' + b.getAttribute("data-lang") + '"}',
          name ? name.textContent : b.textContent);
    });
  });
  document.getElementById("forget").addEventListener("click", function () {
    localStorage.removeItem(KEY);
    state = {sender: (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2)),
             lang: state.lang, messages: [], queue: []};
    log.textContent = "";
    document.body.classList.remove("talking");
    note(strings().forgotten);
    save();
    ask("/greet", null);
  });
  window.addEventListener("online", function () { note(""); next(); });

  // A person's reply to a question left for the informatiepunt team: asked for while the page
  // is open and visible, and at every visit.
  var POLL_MS = 20000;
  function personReplies() {
    if (document.hidden || !navigator.onLine) { return; }
    fetch("/api/replies?sender=" + encodeURIComponent(state.sender)).then(function (r) {
      return r.ok ? r.json() : {replies: []};
    }).then(function (data) {
      (data.replies || []).forEach(function (reply) {
        var li = show({who: "bot person", text: (strings().person || "") + "\n" + reply.text,
                       lang: state.lang});
        li.scrollIntoView({block: "start"});
      });
    }).catch(function () { /* offline: asked again later */ });
  }
  setInterval(personReplies, POLL_MS);
  document.addEventListener("visibilitychange", personReplies);

  // Without JavaScript the page shows whom to call instead of a form that cannot work.
  document.getElementById("noscript").remove();
  form.hidden = false;
  var restored = state.messages.length > 0;
  if (restored) {
    if (state.lang) { relabel(state.lang); }
    state.messages.forEach(function (m) {
      var li = render(m);
      if (m.id) { li.setAttribute("data-id", m.id); }
    });
    talking();
    var last = log.lastElementChild;
    if (last) { last.scrollIntoView({block: "start"}); }
  }
  // A deep link in another language starts in that language; its topic is opened.
  if (restored && config.lang && config.lang !== state.lang) {
    ask('/choose_language{"lang": "' + config.lang + '"}', null);
  }
  if (config.topic) {
    ask("/" + config.topic, null);
  } else if (!restored) {
    ask("/greet", null);
  }
  if (state.queue.length) { next(); }
  personReplies();
  input.focus();
})();
