import { randomUUID } from 'node:crypto';
import { openRegistryDb } from './registry/db/open';
import { applyPush } from './registry/sync/push';
import { commands, enrolTestDesk } from './tests/support/registry-desk';
import { freshRegistryStorage } from './tests/support/registry';
const storage = await freshRegistryStorage('postgres');
const db = await openRegistryDb(storage.storage);
const { desk, clientId } = await enrolTestDesk(db, { authorityBin: '000140000028', officeCode: 'ALM' });
const all = [];
for (let i = 0; i < 500; i++) { const a = commands(randomUUID()); all.push(a.register(all.length + 1, `ALM-2026-${i}`), a.assign(all.length + 2)); }
const t = performance.now();
for (let i = 0; i < all.length; i += 200) await applyPush(db, desk, { clientId, commands: all.slice(i, i + 200) }, { now: new Date(), trustedRoots: [] });
console.log('applyPush 1000', (performance.now() - t).toFixed(0), 'ms');
await db.close(); await storage.remove();
