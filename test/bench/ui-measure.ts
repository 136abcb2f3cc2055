// In-page measuring code for the UI benchmarks (a string: tsx would otherwise add helpers the page lacks).
// __measureRender: presses Send and times until the first frame that painted the result.
// __streamLog: pushes log batches at a fixed rate and records every frame's length and long animation frames.

export const MEASURE_SCRIPT = `
(() => {
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  window.__measureRender = async (selector, extraFrames) => {
    const send = document.querySelector('[data-testid="send"]');
    const start = performance.now();
    send.click();
    // Wait for the frame in which the result is in the DOM ...
    await new Promise((resolve) => {
      const check = () => (document.querySelector(selector) ? resolve() : requestAnimationFrame(check));
      requestAnimationFrame(check);
    });
    // ... (canvas charts draw in their own animation frame) ...
    for (let i = 0; i < extraFrames; i++) await frame();
    // ... and until that frame has been painted: a task queued now runs after the paint.
    await new Promise((r) => setTimeout(r, 0));
    return performance.now() - start;
  };

  window.__streamLog = async ({ perSecond, seconds, batchMs, prefill, startSeq }) => {
    let seq = startSeq;
    const levels = ['debug', 'info', 'info', 'info', 'warn', 'error'];
    const make = (n) => {
      const batch = [];
      for (let i = 0; i < n; i++) {
        seq++;
        const out = seq % 2 === 0;
        const uuid = 'u' + Math.floor(seq / 2);
        batch.push(seq % 10 < 8
          ? { seq, time: Date.now(), level: 'info', direction: out ? 'out' : 'in', uuid,
              text: out ? '{"identifier":{"handler":"OrderBookHandler"},"command":"message","data":{"action":"index","uuid":"' + uuid + '","args":{"market_id":"vetusdt","level":2,"precision":6}}}'
                        : '{"identifier":{"handler":"OrderBookHandler"},"message":{"action":"index","code":0,"uuid":"' + uuid + '","data":{"asks":[["0.025","1000.0"]],"bids":[["0.0249","900.0"]]}}}' }
          : { seq, time: Date.now(), level: levels[seq % levels.length], text: 'Session event number ' + seq + ' with some words to search in' });
      }
      return batch;
    };
    for (let left = prefill; left > 0; left -= 10000) window.__benchEmit('event:log', make(Math.min(10000, left)));
    await frame();
    await frame();

    const frames = [];
    let measuredFrom;
    const loafs = [];
    const details = [];
    let observer;
    if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
      observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          // Only frames that start inside the measured stream (not the pre-fill's, nor one under way at the first tick).
          if (measuredFrom === undefined || e.startTime < measuredFrom) continue;
          loafs.push(e.duration);
          // Where the time went: scripts (attributed), then style/layout and paint.
          details.push({ at: Math.round(e.startTime - measuredFrom), duration: Math.round(e.duration), render: Math.round(e.startTime + e.duration - (e.renderStart || e.startTime)),
            styleLayout: Math.round(e.startTime + e.duration - (e.styleAndLayoutStart || e.startTime)),
            scripts: (e.scripts || []).map((s) => ({ invoker: s.invoker, fn: s.sourceFunctionName, ms: Math.round(s.duration) })) });
        }
      });
      observer.observe({ type: 'long-animation-frame', buffered: false });
    }
    let last = performance.now();
    let running = true;
    const tick = (t) => { frames.push(t - last); last = t; if (running) requestAnimationFrame(tick); };
    requestAnimationFrame((t) => { last = t; measuredFrom = t; requestAnimationFrame(tick); });

    const perBatch = Math.round((perSecond * batchMs) / 1000);
    const batches = Math.round((seconds * 1000) / batchMs);
    const started = performance.now();
    for (let b = 0; b < batches; b++) {
      // Keep to the schedule (like main's batch timer) whatever the page did meanwhile.
      const due = started + b * batchMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      window.__benchEmit('event:log', make(perBatch));
    }
    await frame();
    await frame();
    running = false;
    observer?.disconnect();
    const sorted = [...frames].sort((a, b) => a - b);
    const rows = document.querySelectorAll('[data-testid="log-list"] .vrow, [data-testid="inspector-list"] .vrow').length;
    const count = document.querySelector('[data-testid="log-count"], [data-testid="pair-count"]')?.textContent ?? '';
    return {
      frames: frames.length,
      longestFrameMs: sorted[sorted.length - 1] ?? 0,
      p99FrameMs: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
      medianFrameMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
      loafMaxMs: loafs.length ? Math.max(...loafs) : 0,
      loafCount: loafs.length,
      // Of those long frames, the most time spent in the page's own scripts (the rest is style, layout, paint,
      // garbage collection or the machine giving the CPU to another process).
      loafScriptMaxMs: details.reduce((m, d) => Math.max(m, d.scripts.reduce((a, x) => a + x.ms, 0)), 0),
      loafSupported: observer !== undefined,
      elapsedMs: performance.now() - started,
      domRows: rows,
      shown: count,
      endSeq: seq,
      loafDetails: details,
      longestAtFrame: frames.indexOf(sorted[sorted.length - 1]),
      over34: frames.map((f, i) => [i, Math.round(f)]).filter(([, f]) => f > 34),
      // Frames longer than one and a half vsync intervals at 60 Hz: at least one frame was dropped.
      missedVsync: frames.filter((f) => f > 25).length,
    };
  };
})();
`;
