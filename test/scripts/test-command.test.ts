// `npm test` decides whether to give vitest a private Secret Service (the headless-Linux case) or run it as is.

import { describe, expect, it } from 'vitest';
import { privateKeyringReason } from '../../scripts/test';

const all = (): boolean => true;
const none = (): boolean => false;

describe('privateKeyringReason', () => {
  it('makes a private keyring on Linux without a D-Bus session when the tools are there', () => {
    expect(privateKeyringReason({}, 'linux', all)).toBe('no D-Bus session');
    const desktop = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus', OCEANEX_PRIVATE_KEYRING: '1' };
    expect(privateKeyringReason(desktop, 'linux', all)).toBe('OCEANEX_PRIVATE_KEYRING=1');
  });

  it('runs vitest as is on a desktop session, on macOS and Windows, or when keychain tests are skipped', () => {
    expect(privateKeyringReason({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' }, 'linux', all)).toBeUndefined();
    expect(privateKeyringReason({}, 'darwin', all)).toBeUndefined();
    expect(privateKeyringReason({}, 'win32', all)).toBeUndefined();
    expect(privateKeyringReason({ OCEANEX_SKIP_KEYCHAIN: '1' }, 'linux', all)).toBeUndefined();
  });

  it('runs vitest as is (whose keychain tests then explain) when dbus-run-session or gnome-keyring-daemon is missing', () => {
    expect(privateKeyringReason({}, 'linux', none)).toBeUndefined();
    expect(privateKeyringReason({}, 'linux', (c) => c === 'dbus-run-session')).toBeUndefined();
  });
});
