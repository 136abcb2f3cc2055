// Loads electron-builder.yml the way electron-builder itself does (app-builder-lib's getConfig), so the
// tests see the same object the packager sees.
import { resolve } from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { getConfig } from 'app-builder-lib/out/util/config/config';

export const PROJECT_DIR = resolve(__dirname, '..', '..');
export const CONFIG_FILE = 'electron-builder.yml';

export async function loadBuilderConfig(): Promise<Configuration> {
  return getConfig(PROJECT_DIR, CONFIG_FILE, null);
}
