import { contextBridge, ipcRenderer } from 'electron';
import { createClient } from '../domain/api/client';
import { IPC_CHANNEL } from '../domain/api/contract';

// One typed client built from the contract, and nothing else: no ipcRenderer, no Node in the page.
contextBridge.exposeInMainWorld('ajo', createClient((envelope) => ipcRenderer.invoke(IPC_CHANNEL, envelope)));
