// The OS notification for the open-orders watch: a thin adapter over Electron's Notification (the watch logic is
// plain Node in main/services/order-watch.ts). Where the OS has no notifications it does nothing, quietly.

import { Notification } from 'electron';
import type { Notifier } from '../services/order-watch';

export function electronNotifier(): Notifier {
  return {
    notify(title, body) {
      if (!Notification.isSupported()) return;
      new Notification({ title, body }).show();
    },
  };
}
