// ws_client.log as the app shows it: query the recent entries, the file's path (to reveal it), export a copy,
// and the log batches forwarded to the renderer. Channels: log:query, log:reveal, log:export. Events: event:log.

import type { LogEntry, LogQuery } from '../../shared/ipc/contract';
import type { AppLog } from '../services/app-log';
import type { Emit } from './app-context';

export class LogService {
  private readonly unsubscribe: () => void;

  constructor(
    private readonly log: AppLog,
    emit: Emit,
  ) {
    this.unsubscribe = log.onBatch((batch: readonly LogEntry[]) => emit('event:log', batch));
  }

  queryLog(query: LogQuery): LogEntry[] {
    return [...this.log.query(query)];
  }

  get logFile(): string {
    return this.log.file;
  }

  async exportLog(path: string): Promise<string> {
    await this.log.exportTo(path);
    return path;
  }

  /** The app's log (ws_client.log): the updater writes there too. */
  get appLog(): AppLog {
    return this.log;
  }

  /** Quit: the last entries are written and the file closed. */
  async close(): Promise<void> {
    this.log.info('App closed');
    this.unsubscribe();
    await this.log.flush();
    await this.log.close();
  }
}
