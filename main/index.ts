// Electron's entry point (out/main/index.js): everything lives in the shell and the plain-Node services.
import { startApp } from './electron/app';

void startApp();
