#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary is installed, else the same UI on loopback.
import { register } from 'tsx/esm/api';

register();
await import('./launch.ts');
