import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { AppError } from '../../../domain/api/errors';
import { openDatabase } from '../../../db/open';
import { getApplication, insertApplication, setExecutor, setStatus } from '../../../db/repositories/applications';
import { insertUser } from '../../../db/repositories/users';
import { tempDir } from '../../support/temp';

test('status changes and assignment happen only from the status they expect; otherwise a conflict, and nothing changes', () => {
  const dir = tempDir();
  const db = openDatabase(join(dir.path, 'a.sqlite'));
  try {
    insertUser(db, { id: 'u1', username: 'clerk', fullName: 'Clerk', iin: null, roles: ['clerk'], passwordHash: 'x' }, '2026');
    insertUser(db, { id: 'u2', username: 'executor', fullName: 'Executor', iin: null, roles: ['executor'], passwordHash: 'x' }, '2026');
    insertApplication(db, {
      id: 'a1', serviceCode: 'scrap-metal', procedure: 'issue', catalogueVersion: '1', applicantKind: 'legal', applicantIdn: '150840001234',
      applicantJson: '{}', representationJson: '{}', status: 'draft', createdAt: '2026', createdBy: 'u1',
    });
    const conflict = (error: unknown) => error instanceof AppError && error.code === 'conflict' && error.reason === 'application-changed';
    assert.throws(() => setExecutor(db, 'a1', 'u2', '2026-02'), conflict, 'a draft is not assigned');
    assert.throws(() => setStatus(db, 'a1', 'registered', 'assigned', '2026-02'), conflict, 'not from a status it is not in');
    assert.deepEqual([getApplication(db, 'a1')!.status, getApplication(db, 'a1')!.executorId], ['draft', null]);
    setStatus(db, 'a1', 'draft', 'registered', '2026-03');
    setExecutor(db, 'a1', 'u2', '2026-04');
    const app = getApplication(db, 'a1')!;
    assert.deepEqual([app.status, app.executorId, app.createdBy, app.updatedAt, app.journalNumber], ['assigned', 'u2', 'u1', '2026-04', null]);
  } finally {
    db.close();
    dir.remove();
  }
});
