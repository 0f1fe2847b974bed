// @ts-check
// A small client for the Supply Sandbox JS API (types in
// supply-sandbox-api.d.ts). Plain ES module: no build step.

/** @typedef {import('./supply-sandbox-api').Request} Request */
/** @typedef {import('./supply-sandbox-api').State} State */
/** @typedef {import('./supply-sandbox-api').EventName} EventName */

export class SupplySandbox {
  /**
   * @param {HTMLIFrameElement} iframe the embedded sandbox
   * @param {string} origin the sandbox's origin (never "*")
   */
  constructor(iframe, origin) {
    this.iframe = iframe;
    this.origin = origin;
    this.nextId = 1;
    /** @type {Map<number, {resolve: (v: unknown) => void, reject: (e: Error) => void}>} */
    this.pending = new Map();
    /** @type {Map<string, Array<(data: State | undefined) => void>>} */
    this.handlers = new Map();
    window.addEventListener('message', (ev) => this.onMessage(ev));
  }

  /**
   * Send a request; resolves with its result, rejects with the sandbox's
   * error, or with "no reply" after `timeoutMs` (the sandbox is not loaded
   * yet, or this page's origin is not among those it was told to allow).
   * @param {Omit<Request, 'supplySandbox' | 'id'>} body
   * @param {number} [timeoutMs]
   * @returns {Promise<any>}
   */
  request(body, timeoutMs = 10_000) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('no reply'));
      }, timeoutMs);
      const settle = (/** @type {() => void} */ f) => { clearTimeout(timer); f(); };
      this.pending.set(id, {
        resolve: (v) => settle(() => resolve(v)),
        reject: (e) => settle(() => reject(e)),
      });
      this.iframe.contentWindow?.postMessage({ supplySandbox: 1, id, ...body }, this.origin);
    });
  }

  /**
   * Resolve once the sandbox answers: it may have loaded before this page
   * listened for its "ready" event, or after.
   * @returns {Promise<void>}
   */
  async ready() {
    for (let tries = 0; tries < 60; tries++) {
      try {
        await this.request({ type: 'kpis' }, 500);
        return;
      } catch {
        // not loaded yet: ask again
      }
    }
    throw new Error('the sandbox never answered');
  }

  /**
   * Call `fn` on every `kpi`, `goal`, `end` (or `ready`) event.
   * @param {EventName | 'ready'} name
   * @param {(data: State | undefined) => void} fn
   */
  on(name, fn) {
    const list = this.handlers.get(name) ?? [];
    list.push(fn);
    this.handlers.set(name, list);
  }

  /** @param {MessageEvent} ev */
  onMessage(ev) {
    if (ev.origin !== this.origin || ev.source !== this.iframe.contentWindow) return;
    const m = ev.data;
    if (!m || m.supplySandbox !== 1) return;
    if (typeof m.event === 'string') {
      for (const fn of this.handlers.get(m.event) ?? []) fn(m.data);
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(new Error(m.error));
  }
}
