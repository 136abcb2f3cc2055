// Renders an SVG to square PNGs of the given sizes in Debian's Chromium (driven by playwright-core),
// with a transparent background so the rounded corners stay see-through.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function rasteriseSvg(svg: string, sizes: readonly number[], executablePath = '/usr/bin/chromium'): Promise<Map<number, Buffer>> {
  const profile = mkdtempSync(join(tmpdir(), 'oceanex-icons-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    const result = new Map<number, Buffer>();
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent"><img id="icon" src="${source}" width="${size}" height="${size}" style="display:block"></body></html>`,
      );
      // The image must be decoded before the screenshot, or small sizes come out blank.
      await page.evaluate('document.getElementById("icon").decode()');
      const png = await page.screenshot({ omitBackground: true, type: 'png', clip: { x: 0, y: 0, width: size, height: size } });
      result.set(size, png);
    }
    return result;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
