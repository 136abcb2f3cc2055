// `npm test` decides whether to give vitest a private Secret Service (the headless-Linux case) or run it as is.

import { describe, expect, it } from 'vitest';
import { keyringPlan } from '../../scripts/test';

const all = (): boolean => true;
const none = (): boolean => false;

describe('keyringPlan', () => {
  it('makes a private keyring on Linux without a D-Bus session when the tools are there', () => {
    expect(keyringPlan({}, 'linux', all)).toEqual({ private: true, why: 'no D-Bus session' });
    const desktop = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus', OCEANEX_PRIVATE_KEYRING: '1' };
    expect(keyringPlan(desktop, 'linux', all)).toEqual({ private: true, why: 'OCEANEX_PRIVATE_KEYRING=1' });
  });

  it('runs vitest as is on a desktop session, on macOS and Windows, or when keychain tests are skipped', () => {
    expect(keyringPlan({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' }, 'linux', all)).toEqual({ private: false });
    expect(keyringPlan({}, 'darwin', all)).toEqual({ private: false });
    expect(keyringPlan({}, 'win32', all)).toEqual({ private: false });
    expect(keyringPlan({ OCEANEX_SKIP_KEYCHAIN: '1' }, 'linux', all)).toEqual({ private: false });
  });

  it('runs vitest as is (whose keychain tests then explain) when dbus-run-session or gnome-keyring-daemon is missing', () => {
    expect(keyringPlan({}, 'linux', none)).toMatchObject({ private: false, note: expect.stringContaining('apt-get install gnome-keyring dbus-x11') });
    expect(keyringPlan({}, 'linux', (c) => c === 'dbus-run-session')).toMatchObject({ private: false, note: expect.stringContaining('no D-Bus session') });
  });
});
