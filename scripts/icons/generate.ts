// Regenerates every committed icon from assets/icon.svg:
//   assets/icons/<N>x<N>.png (Linux), assets/icon.ico (Windows), assets/icon.icns (macOS), assets/icon.png (1024).
// Run: npx tsx scripts/icons/generate.ts   (needs Debian's chromium)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildIcns } from './icns';
import { buildIco } from './ico';
import { rasteriseSvg } from './rasterise';
import { ICO_SIZES, LINUX_SIZES, PNG_SIZES } from './sizes';

async function main(): Promise<void> {
  const assets = resolve(__dirname, '..', '..', 'assets');
  const svg = readFileSync(join(assets, 'icon.svg'), 'utf8');
  const pngs = await rasteriseSvg(svg, PNG_SIZES);
  const pick = (size: number): Buffer => {
    const png = pngs.get(size);
    if (!png) throw new Error(`no ${size} px rendering`);
    return png;
  };

  mkdirSync(join(assets, 'icons'), { recursive: true });
  for (const size of LINUX_SIZES) writeFileSync(join(assets, 'icons', `${size}x${size}.png`), pick(size));
  writeFileSync(join(assets, 'icon.png'), pick(1024));
  writeFileSync(join(assets, 'icon.ico'), buildIco(ICO_SIZES.map(pick)));
  writeFileSync(join(assets, 'icon.icns'), buildIcns(pngs));
  console.log(`wrote ${LINUX_SIZES.length} PNGs, icon.png, icon.ico (${ICO_SIZES.join(', ')}), icon.icns to ${assets}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
