// The auto-update feed in electron-builder.yml: GitHub Releases, the same repository the app's updater reads
// (RELEASE_FEED), Windows updates verified against the signing certificate, and the release workflow publishing the
// update metadata (latest*.yml, blockmaps, the macOS zip) beside the installers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Configuration } from 'app-builder-lib';
import type { GithubOptions } from 'builder-util-runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { RELEASE_FEED } from '../../main/services/updates/feed';
import { loadBuilderConfig, PROJECT_DIR } from './builder-config';

let config: Configuration;
beforeAll(async () => {
  config = await loadBuilderConfig();
});

describe('auto-update packaging', () => {
  it('publishes to GitHub Releases, the repository the app checks for updates', () => {
    const publish = [config.publish].flat() as GithubOptions[];
    expect(publish).toHaveLength(1);
    expect(publish[0]).toMatchObject({ provider: 'github', owner: RELEASE_FEED.owner, repo: RELEASE_FEED.repo });
    expect(publish[0]?.protocol ?? 'https').toBe('https');
    expect(publish[0]?.host).toBeUndefined();
  });

  it('Windows updates must be signed by the publisher of the running app', () => {
    expect(config.win?.verifyUpdateCodeSignature).toBe(true);
  });

  it('the release workflow attaches the update metadata, blockmaps and macOS zips to the release', () => {
    const workflow = readFileSync(join(PROJECT_DIR, '.github/workflows/release.yml'), 'utf8');
    for (const pattern of ['latest*.yml', '*.blockmap', '*.zip']) {
      expect(workflow, pattern).toContain(`installers/${pattern}`);
      expect(workflow, pattern).toContain(`release/*/${pattern}`);
    }
    // One metadata file per system: latest.yml (Windows), latest-mac.yml, latest-linux.yml all match latest*.yml,
    // and every build job uploads its own.
    expect(workflow.match(/release\/\*\/latest\*\.yml/g)).toHaveLength(3);
  });
});
