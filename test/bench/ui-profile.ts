// Where a render's time goes (`npx tsx test/bench/ui-profile.ts`): the UI bench's history table and K-line renders
// under Chromium's CPU profiler, each run's self time summed by function (the slowest run's largest items).
// A tool for working on the render path; the figures themselves come from ui-bench.ts.
import type { Page } from 'playwright-core';
import { openBenchPage } from './ui-bench';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

async function profileRender(page: Page, choice: number, fields: Record<string, string>, selector: string, extraFrames: number, runs: number): Promise<void> {
  await page.locator(`[data-choice="${choice}"]`).click();
  for (const [field, value] of Object.entries(fields)) {
    const control = page.locator(`#f-${choice}-${field}`);
    if ((await control.evaluate((e) => e.tagName)) === 'SELECT') await control.selectOption(value);
    else await control.fill(value);
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  for (let i = 0; i < runs; i++) {
    await cdp.send('Profiler.start');
    const ms = (await page.evaluate(`window.__measureRender(${JSON.stringify(selector)}, ${extraFrames})`)) as number;
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, k) => {
      const f = byId.get(id)!.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
    });
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 14);
    console.log(`choice ${choice} run ${i + 1}: ${ms.toFixed(1)} ms`);
    for (const [k, v] of top) console.log(`   ${v.toFixed(1).padStart(6)} ms  ${k}`);
  }
  await cdp.detach();
}

async function main(): Promise<void> {
  const { page, close } = await openBenchPage();
  try {
    const runs = Number(process.env['RUNS'] ?? 3);
    await profileRender(page, 12, { market: 'vetusdt' }, '[data-testid="orders-table"] tbody tr', 0, runs);
    await profileRender(page, 15, { market: 'vetusdt', limit: '5000', period: '1' }, '[data-testid="kline-chart"] canvas', 1, runs);
  } finally {
    await close();
  }
}

void main();
