/* Regional blocks (kearifan lokal): the reader picks a region once; the choice is kept in this
 * browser (localStorage, which also works for the offline bundle opened over file://). Without a
 * choice every region's block is shown, collapsed. With one, only that region's blocks are shown,
 * open. A link to a block inside a closed <details> opens it. */
(function () {
  "use strict";
  var KEY = "panduan-wilayah";

  function read() {
    try { return window.localStorage.getItem(KEY) || ""; } catch (e) { return ""; }
  }
  function write(value) {
    try {
      if (value) { window.localStorage.setItem(KEY, value); } else { window.localStorage.removeItem(KEY); }
    } catch (e) { /* storage switched off: the choice lasts for this page only */ }
  }
  function regionOf(block) {
    var m = /(?:^|\s)pp-wilayah--([a-z0-9-]+)/.exec(block.className);
    return m ? m[1] : "";
  }
  function regionName(block) {
    var summary = block.querySelector("summary");
    var text = summary ? summary.textContent : "";
    return text.split(" \u00b7 ")[0].trim() || regionOf(block);
  }
  function blocks() {
    return Array.prototype.slice.call(document.querySelectorAll("details.pp-wilayah"));
  }
  function apply(chosen) {
    blocks().forEach(function (block) {
      var mine = regionOf(block) === chosen;
      block.hidden = Boolean(chosen) && !mine;
      block.open = Boolean(chosen) && mine;
    });
    var select = document.getElementById("pp-wilayah-pilih");
    if (select) { select.value = chosen; }
  }
  function picker(all) {
    var names = {};
    var chosen = read();
    if (chosen) { names[chosen] = chosen; }  // chosen elsewhere: this page may have nothing for it
    all.forEach(function (block) { names[regionOf(block)] = regionName(block); });
    var bar = document.createElement("div");
    bar.className = "pp-wilayah-bar";
    var label = document.createElement("label");
    label.setAttribute("for", "pp-wilayah-pilih");
    label.textContent = "Tampilkan kearifan lokal untuk wilayah: ";
    var select = document.createElement("select");
    select.id = "pp-wilayah-pilih";
    var every = document.createElement("option");
    every.value = "";
    every.textContent = "Semua wilayah (tertutup)";
    select.appendChild(every);
    Object.keys(names).sort().forEach(function (id) {
      var option = document.createElement("option");
      option.value = id;
      option.textContent = names[id];
      select.appendChild(option);
    });
    select.addEventListener("change", function () { write(select.value); apply(select.value); });
    bar.appendChild(label);
    bar.appendChild(select);
    var heading = document.querySelector("article h1, .md-content h1");
    if (heading && heading.parentNode) {
      heading.parentNode.insertBefore(bar, heading.nextSibling);
    } else {
      all[0].parentNode.insertBefore(bar, all[0]);
    }
  }
  function openTarget() {
    if (!window.location.hash) { return; }
    var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    var block = target && target.closest ? target.closest("details.pp-wilayah") : null;
    if (block) {
      block.hidden = false;
      block.open = true;
      target.scrollIntoView();
    }
  }
  function start() {
    var all = blocks();
    if (!all.length) { return; }
    picker(all);
    apply(read());
    openTarget();
    window.addEventListener("hashchange", openTarget);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
