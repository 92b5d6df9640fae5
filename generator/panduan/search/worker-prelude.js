/*
 * First part of the one-file search worker (panduan/search/worker.py), before Material's code, so
 * that this listener runs before Material's: the stage-1 index (split.py) leaves out a guideline's
 * `text` when it is its `ringkasan` word for word, and empty fields, to be small on the wire.
 * Material reads `text` for the result snippet and lunr indexes it: put it back first.
 */
addEventListener("message", function (ev) {
  var message = ev.data;
  if (!message || message.type !== 0 || !message.data || !Array.isArray(message.data.docs)) return;
  message.data.docs.forEach(function (doc) {
    if (doc && doc.text === undefined && typeof doc.ringkasan === "string") doc.text = doc.ringkasan;
  });
});
