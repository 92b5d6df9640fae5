/* Panduan Praktik: filters of the matrices (peran/matriks, peran/kompetensi) and the pair switcher
   of "Bandingkan peran". Progressive enhancement: the controls are in the page but hidden; this
   script shows and wires them. Without it (or when it fails) the full table and the list of
   pairs still work. No network, no inline code (the Content-Security-Policy allows neither):
   the switcher follows links that are already in the page, so it works over http and file://. */
(function () {
  "use strict";

  var HIDDEN_ROLES = "panduan.matriks.peran-disembunyikan"; // role ids the reader chose to hide

  function readHidden() {
    try {
      var value = JSON.parse(window.localStorage.getItem(HIDDEN_ROLES) || "[]");
      return Array.isArray(value) ? value : [];
    } catch (e) {
      return []; // storage blocked (private mode, some file:// setups): nothing remembered
    }
  }

  function writeHidden(ids) {
    try {
      window.localStorage.setItem(HIDDEN_ROLES, JSON.stringify(ids));
    } catch (e) {
      /* not remembered, still applied */
    }
  }

  function idAfter(prefix, element) {
    return element.id.indexOf(prefix) === 0 ? element.id.slice(prefix.length) : "";
  }

  function setupMatrix(filter, frame) {
    var table = frame.querySelector("table");
    if (!table || !table.tHead) return;
    var heads = table.tHead.rows[0].cells;
    var columns = {}; // role id -> column index
    for (var i = 0; i < heads.length; i++) {
      var match = /(?:^|\s)pp-col--([a-z0-9-]+)/.exec(heads[i].className);
      if (match) columns[match[1]] = i;
    }
    var boxes = filter.querySelectorAll("input[name=peran]");
    var groups = filter.querySelectorAll("input[name=kelompok]");
    var stages = filter.querySelectorAll("input[name=tahap]");
    var note = filter.querySelector(".pp-filter__note");

    function checked(inputs, prefix) {
      for (var k = 0; k < inputs.length; k++) if (inputs[k].checked) return idAfter(prefix, inputs[k]);
      return "semua";
    }

    var roleIndexes = Object.keys(columns).map(function (id) { return columns[id]; });
    var roleCount = roleIndexes.length;

    function involves(row, hide) {
      for (var k = 0; k < roleIndexes.length; k++) {
        var cell = row.cells[roleIndexes[k]];
        if (!hide[roleIndexes[k]] && cell && cell.textContent.trim()) return true;
      }
      return false;
    }

    function apply() {
      var hidden = readHidden();
      var shown = 0;
      var hide = {};
      for (var b = 0; b < boxes.length; b++) {
        var role = idAfter("pp-peran-", boxes[b]);
        boxes[b].checked = hidden.indexOf(role) < 0;
        if (role in columns && !boxes[b].checked) hide[columns[role]] = true;
        else if (role in columns) shown++;
      }
      var group = checked(groups, "pp-kelompok-");
      var stage = checked(stages, "pp-tahap-");
      var rows = 0;
      for (var t = 0; t < table.tBodies.length; t++) {
        var body = table.tBodies[t];
        var inGroup = group === "semua" || body.classList.contains("pp-group--" + group);
        var visible = 0;
        for (var r = 0; r < body.rows.length; r++) {
          var row = body.rows[r];
          if (row.classList.contains("pp-group__head")) {
            row.cells[0].colSpan = shown + (heads.length - Object.keys(columns).length);
            continue;
          }
          var show = inGroup && (stage === "semua" || row.classList.contains("pp-tahap--" + stage));
          // With some roles hidden, a row none of the chosen roles takes part in is left out too.
          if (show && shown < roleCount) show = involves(row, hide);
          row.hidden = !show;
          if (show) visible++;
          for (var c = 0; c < row.cells.length; c++) row.cells[c].hidden = !!hide[c];
        }
        body.hidden = visible === 0;
        rows += visible;
      }
      for (var h = 0; h < heads.length; h++) heads[h].hidden = !!hide[h];
      if (note) {
        var total = Object.keys(columns).length;
        note.textContent =
          "(" + shown + " dari " + total + " peran, " + rows + " baris" + (shown < total ? "; pilihan peran diingat peramban ini" : "") + ")";
      }
    }

    for (var b = 0; b < boxes.length; b++) {
      boxes[b].addEventListener("change", function (event) {
        var role = idAfter("pp-peran-", event.target);
        var hidden = readHidden().filter(function (id) { return id !== role; });
        if (!event.target.checked) hidden.push(role);
        writeHidden(hidden);
        apply();
      });
    }
    var inputs = filter.querySelectorAll("input[name=kelompok], input[name=tahap]");
    for (var n = 0; n < inputs.length; n++) inputs[n].addEventListener("change", apply);
    var all = filter.querySelector(".pp-filter__all");
    if (all) {
      all.addEventListener("click", function () {
        var mine = Object.keys(columns);
        writeHidden(readHidden().filter(function (id) { return mine.indexOf(id) < 0; }));
        apply();
      });
    }
    apply();
    filter.hidden = false;
  }

  function setupPairSwitch(box) {
    var note = box.querySelector(".pp-filter__note");
    function chosen(side) {
      var input = box.querySelector("input[name=peran-" + side + "]:checked");
      return input ? idAfter("pp-" + side + "-", input) : "";
    }
    function go() {
      var a = chosen("a");
      var b = chosen("b");
      if (!a || !b) return;
      if (a === b) {
        note.textContent = "Pilih dua peran yang berbeda.";
        return;
      }
      var link = document.getElementById("pasangan-" + a + "--" + b) || document.getElementById("pasangan-" + b + "--" + a);
      if (link) {
        note.textContent = "Membuka perbandingan…";
        window.location.href = link.href;
      } else {
        note.textContent = "Perbandingan ini sedang ditampilkan, atau belum ada halamannya.";
      }
    }
    var inputs = box.querySelectorAll("input[type=radio]");
    for (var i = 0; i < inputs.length; i++) inputs[i].addEventListener("change", go);
    box.hidden = false;
  }

  function init() {
    var filters = document.querySelectorAll(".pp-filter");
    for (var i = 0; i < filters.length; i++) {
      var frame = filters[i].nextElementSibling;
      while (frame && !frame.classList.contains("pp-matrix")) frame = frame.nextElementSibling;
      if (frame) setupMatrix(filters[i], frame);
    }
    var switches = document.querySelectorAll(".pp-pair-switch");
    for (var s = 0; s < switches.length; s++) setupPairSwitch(switches[s]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
