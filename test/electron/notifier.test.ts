// The Electron notification adapter, through the stand-in electron module: shows one OS notification per call,
// and nothing where the OS has no notifications.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { electronNotifier } from '../../main/electron/notifier';
import { recorded } from './electron-stand-in';

vi.mock('electron', async () => {
  const standIn = await import('./electron-stand-in');
  return { ...standIn.electron, default: standIn.electron };
});

describe('electronNotifier', () => {
  afterEach(() => {
    recorded.notifications.length = 0;
    recorded.notificationsSupported = true;
  });

  it('shows a notification with the title and body', () => {
    electronNotifier().notify('Order 39 filled', 'buy 1000 VETUSDT at 0.75: 1000 executed.');
    expect(recorded.notifications).toEqual([{ title: 'Order 39 filled', body: 'buy 1000 VETUSDT at 0.75: 1000 executed.' }]);
  });

  it('does nothing where the OS has no notifications', () => {
    recorded.notificationsSupported = false;
    electronNotifier().notify('Order 39 filled', 'x');
    expect(recorded.notifications).toEqual([]);
  });
});
