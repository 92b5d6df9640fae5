/* iframe-worker 1.0.4 shim (https://github.com/squidfunk/iframe-worker), MIT License, (c) Martin Donath.
   Vendored so the offline bundle never requests a third-party host (Material's offline plugin
   would load it from unpkg.com). It replaces Worker only on file:// pages.
   Changed for the Content-Security-Policy (no inline script): the worker's globals are set on the
   hidden frame from here, instead of an inline <script> written into it, and its messages come
   back over a MessageChannel. */
"use strict";
(() => {
  // importScripts() inside the frame: load the scripts one after the other.
  function load(frame, urls) {
    return urls.reduce(
      (done, url) =>
        done.then(
          () =>
            new Promise((resolve, reject) => {
              const script = frame.document.createElement("script");
              script.src = url;
              script.onload = resolve;
              script.onerror = reject;
              frame.document.body.appendChild(script);
            })
        ),
      Promise.resolve()
    );
  }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      const frame = document.createElement("iframe");
      frame.hidden = true;
      document.body.appendChild((this.iframe = frame));
      const w = this.w;
      const channel = new MessageChannel();
      channel.port2.onmessage = (ev) => {
        this.dispatchEvent(new MessageEvent("message", { data: ev.data }));
        this.onmessage && this.onmessage(ev);
      };
      w.postMessage = (data) => channel.port1.postMessage(data);
      w.importScripts = (...urls) => load(w, urls);
      w.addEventListener("error", (ev) => {
        const error = new ErrorEvent("error", {
          message: ev.message, filename: `${this.url}`, lineno: ev.lineno, colno: ev.colno, error: ev.error,
        });
        this.dispatchEvent(error);
        this.onerror && this.onerror(error);
      });
      this.port = channel;
      this.r = load(w, [`${url}?${+Date.now()}`]);
    }
    terminate() {
      this.iframe.remove();
      this.port.port1.close();
      this.port.port2.close();
    }
    postMessage(data) {
      this.r.catch(() => {}).then(() => {
        this.w.dispatchEvent(new MessageEvent("message", structuredClone({ data })));
      });
    }
    get w() {
      return this.iframe.contentWindow;
    }
  }

  window.IFrameWorker = IFrameWorker;
  if (location.protocol === "file:") window.Worker = IFrameWorker;
})();
