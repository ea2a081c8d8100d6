/* The checklist as a form: what is entered is kept in this browser (localStorage, under the
   pathway's id and version) and nowhere else. Export writes the case's events as a case record
   (CSV: case, date, event, node, code, note, agency), the format `pwy audit` reads; Import
   reads such a file back into the form. */
(function () {
  "use strict";
  var COLUMNS = ["case", "date", "event", "node", "code", "note", "agency"];
  var VARIANCE_PARTS = [["what", "What happened"], ["why", "Why"], ["action", "Action taken"],
                        ["by", "Initials"]];
  var key = document.body.getAttribute("data-record-key");
  var statusLine = document.getElementById("record-status");

  function fields() {
    return Array.prototype.slice.call(document.querySelectorAll("main [name]"));
  }

  function say(text) { if (statusLine) { statusLine.textContent = text; } }

  /* ---- keeping the record in the browser ------------------------------------------- */

  function collect() {
    var values = {};
    fields().forEach(function (field) {
      if (field.type === "checkbox") {
        if (field.checked) { values[field.name] = true; }
      } else if (field.type === "radio") {
        if (field.checked) { values[field.name] = field.value; }
      } else if (field.value !== "") {
        values[field.name] = field.value;
      }
    });
    return values;
  }

  function apply(values) {
    fields().forEach(function (field) {
      var value = values[field.name];
      if (field.type === "checkbox") {
        field.checked = value === true;
      } else if (field.type === "radio") {
        field.checked = value !== undefined && field.value === value;
      } else if (field.type !== "file") {
        field.value = value === undefined ? "" : value;
      }
    });
  }

  function save() {
    try { window.localStorage.setItem(key, JSON.stringify(collect())); } catch (e) { /* private mode */ }
  }

  function load() {
    var stored = null;
    try { stored = window.localStorage.getItem(key); } catch (e) { stored = null; }
    if (stored) { apply(JSON.parse(stored)); }
  }

  /* The same field appears twice (a stage's dates on the summary and in the stage): keep
     every copy the same as the one just changed. */
  function mirror(changed) {
    fields().forEach(function (field) {
      if (field !== changed && field.name === changed.name && field.type !== "radio" &&
          field.type !== "checkbox") {
        field.value = changed.value;
      }
    });
  }

  /* ---- the case record ------------------------------------------------------------- */

  function value(name) {
    var field = document.querySelector("main [name=\"" + name + "\"]");
    if (!field) { return ""; }
    if (field.type === "radio") {
      var checked = document.querySelector("main [name=\"" + name + "\"]:checked");
      return checked ? checked.value : "";
    }
    if (field.type === "checkbox") { return field.checked; }
    return field.value.trim();
  }

  function events() {
    var caseId = value("case");
    var rows = [];
    function add(date, event, node, code, note, agency) {
      rows.push({ case: caseId, date: date, event: event, node: node, code: code || "",
                  note: note || "", agency: agency || "" });
    }
    var entry = value("entry");
    if (entry && value("started")) { add(value("started"), "enter", entry); }
    document.querySelectorAll("section.stage").forEach(function (section) {
      var node = section.getAttribute("data-node");
      if (value(node + ":in")) { add(value(node + ":in"), "enter", node, "", "", section.getAttribute("data-agency")); }
      section.querySelectorAll("tr[data-action]").forEach(function (row) {
        var n = row.getAttribute("data-action");
        var stem = node + ":a" + n + ":";
        if (value(stem + "done") && value(stem + "date")) {
          var initials = value(stem + "by");
          add(value(stem + "date"), "action", node, "",
              "Action " + n + (initials ? " (" + initials + ")" : "") + ": " + row.getAttribute("data-text"),
              row.getAttribute("data-agency"));
        }
      });
      section.querySelectorAll("tr[data-review]").forEach(function (row) {
        var k = row.getAttribute("data-review");
        var stem = node + ":r" + k + ":";
        if (value(stem + "date")) {
          var initials = value(stem + "by");
          add(value(stem + "date"), "action", node, "",
              "Review " + k + (initials ? " (" + initials + ")" : "") + ": " + value(stem + "note"),
              section.getAttribute("data-agency"));
        }
      });
      var exit = section.querySelector("input[name=\"" + node + ":exit\"]:checked");
      if (exit && exit.getAttribute("data-kind") !== "stage" && value(node + ":out")) {
        add(value(node + ":out"), "enter", exit.value);
      }
    });
    document.querySelectorAll("tr[data-variance]").forEach(function (row) {
      var stem = "v" + row.getAttribute("data-variance") + ":";
      if (!value(stem + "date") || !value(stem + "stage") || !value(stem + "code")) { return; }
      var note = VARIANCE_PARTS.filter(function (part) { return value(stem + part[0]); })
        .map(function (part) { return part[1] + ": " + value(stem + part[0]); }).join("; ");
      add(value(stem + "date"), "variance", value(stem + "stage"), value(stem + "code"), note);
    });
    // A case's events in date order; the order above (the journey's) breaks ties.
    return rows.map(function (row, i) { return [row, i]; }).sort(function (a, b) {
      return a[0].date < b[0].date ? -1 : a[0].date > b[0].date ? 1 : a[1] - b[1];
    }).map(function (pair) { return pair[0]; });
  }

  function csvField(text) {
    return /[",\r\n]|^\s|\s$/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }

  function toCsv(rows) {
    var lines = [COLUMNS.join(",")];
    rows.forEach(function (row) {
      lines.push(COLUMNS.map(function (column) { return csvField(row[column]); }).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  function exportRecord() {
    var caseId = value("case");
    if (!caseId) {
      say("Write the service user's identifier first: the case record names the case by it.");
      document.getElementById("f-case").focus();
      return;
    }
    var rows = events();
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([toCsv(rows)], { type: "text/csv;charset=utf-8" }));
    link.download = "case-record-" + caseId.replace(/[^A-Za-z0-9_-]+/g, "_") + ".csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
    say("Exported " + rows.length + " events of case " + caseId + ".");
  }

  /* ---- reading a case record back ---------------------------------------------------- */

  function parseCsv(text) {
    var rows = [], row = [], field = "", quoted = false, i;
    text = text.replace(/^\ufeff/, "");
    for (i = 0; i < text.length; i += 1) {
      var c = text[i];
      if (quoted) {
        if (c === "\"" && text[i + 1] === "\"") { field += "\""; i += 1; }
        else if (c === "\"") { quoted = false; }
        else { field += c; }
      } else if (c === "\"") { quoted = true; }
      else if (c === ",") { row.push(field); field = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") { i += 1; }
        row.push(field); rows.push(row); row = []; field = "";
      } else { field += c; }
    }
    if (field !== "" || row.length) { row.push(field); rows.push(row); }
    return rows.filter(function (r) { return r.length > 1 || r[0] !== ""; });
  }

  function importRecord(text) {
    var table = parseCsv(text);
    if (!table.length) { say("That file holds no case record."); return; }
    var header = table[0].map(function (name) { return name.trim(); });
    var at = {};
    COLUMNS.forEach(function (column) { at[column] = header.indexOf(column); });
    if (at["case"] < 0 || at.date < 0 || at.event < 0 || at.node < 0) {
      say("That file is not a case record: it needs the columns case, date, event and node.");
      return;
    }
    var values = {}, variance = 0, skipped = 0;
    var stages = {};
    document.querySelectorAll("section.stage").forEach(function (s) { stages[s.getAttribute("data-node")] = s; });
    var entries = {};
    document.querySelectorAll("input[name=entry]").forEach(function (e) { entries[e.value] = true; });
    table.slice(1).forEach(function (cells) {
      function cell(column) { return at[column] < 0 ? "" : (cells[at[column]] || "").trim(); }
      var node = cell("node"), date = cell("date").slice(0, 10), note = cell("note");
      values["case"] = cell("case");
      if (cell("event") === "enter" && entries[node]) {
        values.entry = node; values.started = date;
      } else if (cell("event") === "enter" && stages[node]) {
        values[node + ":in"] = date;
      } else if (cell("event") === "enter") {
        var exit = document.querySelector("input[type=radio][value=\"" + node + "\"][data-kind]");
        if (!exit) { skipped += 1; return; }
        values[exit.name] = node;
        values[exit.name.replace(/:exit$/, ":out")] = date;
      } else if (cell("event") === "action" && stages[node]) {
        var review = /^Review (\d+)(?: \(([^)]*)\))?: ?([\s\S]*)$/.exec(note);
        if (review) {
          var r = node + ":r" + review[1] + ":";
          values[r + "date"] = date; values[r + "note"] = review[3];
          if (review[2]) { values[r + "by"] = review[2]; }
          return;
        }
        var action = /^Action (\d+)(?: \(([^)]*)\))?:/.exec(note);
        if (!action) { skipped += 1; return; }
        var stem = node + ":a" + action[1] + ":";
        values[stem + "done"] = true; values[stem + "date"] = date;
        if (action[2]) { values[stem + "by"] = action[2]; }
      } else if (cell("event") === "variance" && stages[node] && variance < document.querySelectorAll("tr[data-variance]").length) {
        variance += 1;
        var v = "v" + variance + ":";
        values[v + "date"] = date; values[v + "stage"] = node; values[v + "code"] = cell("code");
        splitNote(note).forEach(function (part) { values[v + part[0]] = part[1]; });
      } else {
        skipped += 1;
      }
    });
    values["service-user"] = value("service-user");
    apply(values);
    save();
    say("Read " + (table.length - 1 - skipped) + " events" + (skipped ? "; " + skipped + " could not be placed in this form" : "") + ".");
  }

  function splitNote(note) {
    var labels = VARIANCE_PARTS.map(function (part) { return part[1]; }).join("|");
    var pieces = note.split(new RegExp("(?:^|; )(" + labels + "): "));
    var parts = [];
    for (var i = 1; i + 1 < pieces.length; i += 2) {
      VARIANCE_PARTS.forEach(function (part) { if (part[1] === pieces[i]) { parts.push([part[0], pieces[i + 1]]); } });
    }
    if (!parts.length && note) { parts.push(["what", note]); }
    return parts;
  }

  /* ---- wiring ----------------------------------------------------------------------- */

  load();
  document.querySelector("main").addEventListener("input", function (event) {
    if (event.target.name) { mirror(event.target); save(); }
  });
  document.querySelector("main").addEventListener("change", function (event) {
    if (event.target.name) { mirror(event.target); save(); }
  });
  document.getElementById("record-export").addEventListener("click", exportRecord);
  document.getElementById("record-import").addEventListener("change", function (event) {
    var file = event.target.files[0];
    if (!file) { return; }
    var reader = new FileReader();
    reader.addEventListener("load", function () { importRecord(String(reader.result)); event.target.value = ""; });
    reader.readAsText(file, "utf-8");
  });
  document.getElementById("record-clear").addEventListener("click", function () {
    if (!window.confirm("Clear everything entered in this record, in this browser?")) { return; }
    apply({});
    try { window.localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
    say("Cleared.");
  });
}());
