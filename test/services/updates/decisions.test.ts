// The updater's plain decisions: version order (never a downgrade), the feed entry a release must provide, the
// https-only feed, sha512 of a file, the restart gate's words, and the messages for each kind of failure.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  assertSecureFeed,
  fileForDownload,
  isAllowedUpdateUrl,
  notesToText,
  parseFeedEntry,
  publisherNames,
  RELEASE_FEED,
} from '../../../main/services/updates/feed';
import { restartBlocker } from '../../../main/services/updates/install-gate';
import { explainUpdateFailure } from '../../../main/services/updates/messages';
import { sha512OfFile, verifySha512 } from '../../../main/services/updates/sha512';
import { compareVersions, judgeOffer, parseVersion } from '../../../main/services/updates/version';
import { sha512 } from './release-server';

const dir = mkdtempSync(join(tmpdir(), 'oceanex-update-decisions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('versions', () => {
  it('orders releases and pre-releases by semver precedence', () => {
    const order = ['0.9.9', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.10.0', '2.0.0'];
    const parsed = order.map((v) => parseVersion(v)!);
    for (let i = 1; i < parsed.length; i += 1) expect(compareVersions(parsed[i - 1]!, parsed[i]!), `${order[i - 1]} < ${order[i]}`).toBe(-1);
    expect(compareVersions(parseVersion('v1.2.3+build.5')!, parseVersion('1.2.3')!)).toBe(0);
  });

  it('offers only a strictly newer version', () => {
    expect(judgeOffer('0.1.0', '0.2.0').kind).toBe('newer');
    expect(judgeOffer('0.1.0', '0.1.0').kind).toBe('same');
    expect(judgeOffer('0.2.0', '0.1.9').kind).toBe('older');
    expect(judgeOffer('1.0.0', '1.0.0-rc.9').kind).toBe('older');
    expect(judgeOffer('0.1.0', 'latest')).toEqual({ kind: 'invalid', reason: 'the release feed names no valid version ("latest")' });
    expect(judgeOffer('0.1.0', 2).kind).toBe('invalid');
    expect(parseVersion('01.2.3')).toBeUndefined();
    expect(parseVersion('1.2')).toBeUndefined();
  });
});

describe('the release feed', () => {
  const good = sha512(Buffer.from('installer'));

  it('is GitHub Releases over https and nothing else', () => {
    expect(() => assertSecureFeed(RELEASE_FEED)).not.toThrow();
    expect(() => assertSecureFeed({ ...RELEASE_FEED, protocol: 'http' })).toThrow(/only over https/);
    expect(() => assertSecureFeed({ ...RELEASE_FEED, provider: 'generic' } as never)).toThrow(/only from GitHub Releases/);
    expect(() => assertSecureFeed({ ...RELEASE_FEED, owner: '../x' })).toThrow(/no valid GitHub repository/);
    expect(isAllowedUpdateUrl('https://github.com/oceanex/x/releases/download/v1/latest.yml')).toBe(true);
    expect(isAllowedUpdateUrl('http://github.com/oceanex/x/releases/latest')).toBe(false);
    expect(isAllowedUpdateUrl('file:///etc/passwd')).toBe(false);
  });

  it('an entry needs a version and a sha512 for every file', () => {
    const entry = parseFeedEntry({ version: '0.2.0', files: [{ url: 'App-0.2.0.dmg', sha512: good, size: 9 }], releaseDate: '2026-11-30', releaseNotes: '<p>Hi &amp; bye</p>' });
    expect(entry).toEqual({ version: '0.2.0', files: [{ url: 'App-0.2.0.dmg', sha512: good, size: 9 }], releaseDate: '2026-11-30', releaseNotes: 'Hi & bye' });
    expect(() => parseFeedEntry(null)).toThrow(/empty or not a feed/);
    expect(() => parseFeedEntry({ files: [] })).toThrow('The release feed names no version.');
    expect(() => parseFeedEntry({ version: '0.2.0', files: [] })).toThrow('The release feed for 0.2.0 lists no files.');
    expect(() => parseFeedEntry({ version: '0.2.0', files: [{ url: 'a.exe' }] })).toThrow(/no valid sha512 for a\.exe, so it cannot be verified/);
    expect(() => parseFeedEntry({ version: '0.2.0', files: [{ url: 'a.exe', sha512: 'abc' }] })).toThrow(/no valid sha512/);
    expect(() => parseFeedEntry({ version: '0.2.0', files: [{ url: 'a.exe', sha512: good, size: -1 }] })).toThrow(/invalid size/);
  });

  it('release notes become plain text (HTML from GitHub, or a list of versions)', () => {
    expect(notesToText('<ul><li>One</li><li>Two &lt;b&gt;</li></ul><script>x</script>')).toBe('• One\n• Two <b>\nx');
    expect(notesToText([{ version: '0.3.0', note: 'C' }, { version: '0.2.0', note: 'B' }])).toBe('0.3.0: C\n0.2.0: B');
    expect(notesToText(undefined)).toBe('');
    expect(notesToText('x'.repeat(5000))).toHaveLength(4001);
  });

  it('matches the downloaded file to its feed entry by name', () => {
    const entry = parseFeedEntry({
      version: '0.2.0',
      files: [
        { url: 'OceanEx WS Client-0.2.0-mac.zip', sha512: good },
        { url: 'OceanEx-WS-Client-0.2.0-arm64.dmg', sha512: good },
      ],
    });
    expect(fileForDownload(entry, '/cache/pending/OceanEx-WS-Client-0.2.0-mac.zip')?.url).toBe('OceanEx WS Client-0.2.0-mac.zip');
    expect(fileForDownload(entry, '/cache/pending/other.zip')).toBeUndefined();
  });

  it('reads the Windows publisher names electron-builder puts in app-update.yml', () => {
    expect(publisherNames('provider: github\npublisherName:\n  - OceanEx Ltd\n  - "Other, Inc."\nupdaterCacheDirName: x\n')).toEqual(['OceanEx Ltd', 'Other, Inc.']);
    expect(publisherNames("publisherName: 'OceanEx Ltd'\n")).toEqual(['OceanEx Ltd']);
    expect(publisherNames('provider: github\nowner: oceanex\n')).toEqual([]);
  });
});

describe('sha512 of a download', () => {
  it('matches the base64 sha512 of latest.yml and rejects any other file', async () => {
    const file = join(dir, 'installer.bin');
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 7, 0x5a);
    writeFileSync(file, bytes);
    expect(await sha512OfFile(file)).toBe(sha512(bytes));
    await expect(verifySha512(file, sha512(bytes))).resolves.toBeUndefined();
    bytes[bytes.length - 1] = 0;
    await expect(verifySha512(file, sha512(bytes))).rejects.toMatchObject({ name: 'ChecksumError', code: 'ERR_CHECKSUM_MISMATCH' });
  });
});

describe('the restart gate', () => {
  it('says why it waits, and lets the restart go when nothing is at stake', () => {
    expect(restartBlocker({ unknownOrders: 0, inFlight: 0 })).toBeUndefined();
    expect(restartBlocker({ unknownOrders: 2, inFlight: 0 })).toBe("The restart waits: 2 orders' outcomes are still unknown. It goes ahead once that is settled.");
    expect(restartBlocker({ unknownOrders: 0, inFlight: 1 })).toBe('The restart waits: 1 request is waiting for a reply. It goes ahead once that is settled.');
  });
});

describe('failure messages', () => {
  const err = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});
  it('names no network, a bad signature and a checksum mismatch plainly', () => {
    expect(explainUpdateFailure(err('net::ERR_INTERNET_DISCONNECTED'), 'checking for updates').kind).toBe('offline');
    expect(explainUpdateFailure(err('getaddrinfo ENOTFOUND github.com'), 'checking for updates').kind).toBe('offline');
    expect(explainUpdateFailure(err('New version 0.2.0 is not signed by the application owner: x', 'ERR_UPDATER_INVALID_SIGNATURE'), 'downloading').kind).toBe('signature');
    expect(explainUpdateFailure(err('Code signature at URL file:///x did not pass validation'), 'installing').kind).toBe('signature');
    expect(explainUpdateFailure(err('sha512 checksum mismatch, expected a, got b', 'ERR_CHECKSUM_MISMATCH'), 'downloading').kind).toBe('checksum');
    expect(explainUpdateFailure(err('No published versions on GitHub', 'ERR_UPDATER_NO_PUBLISHED_VERSIONS'), 'checking for updates')).toEqual({
      kind: 'feed',
      message: 'The release feed could not be used while checking for updates (no valid published release was found).',
    });
    expect(explainUpdateFailure(err('disk full\nstack…'), 'downloading 0.2.0')).toEqual({ kind: 'other', message: 'Updating failed while downloading 0.2.0: disk full' });
  });
});
