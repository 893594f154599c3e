import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { z } from 'zod';
import { openDatabase } from '../../../db/open';
import type { Db } from '../../../db/db';
import { JobQueue, type JobSpec } from '../../../main/jobs/job-queue';
import { tempDir } from '../../support/temp';

/** The persistent job queue on a real SQLite file: what survives, what runs, how often, and when it stops. */
const Data = z.object({ n: z.number().int() });
type Data = z.infer<typeof Data>;

async function withDb(work: (open: () => Db) => Promise<void>): Promise<void> {
  const dir = tempDir();
  const opened: Db[] = [];
  try {
    await work(() => {
      const db = openDatabase(join(dir.path, 'jobs.sqlite'));
      opened.push(db);
      return db;
    });
  } finally {
    for (const db of opened) if (db.open) db.close();
    dir.remove();
  }
}

function queue(db: Db, overrides: Partial<JobSpec<Data>> & Pick<JobSpec<Data>, 'run'>): JobQueue<Data> {
  return new JobQueue(db, { queue: 'test', data: Data, maxAttempts: 3, backoffMs: () => 10, ...overrides });
}

const rows = (db: Db) => db.prepare("SELECT data, attempts, last_error AS lastError FROM jobs WHERE queue = 'test' ORDER BY rowid").all();

test('a job exists exactly when the transaction that added it commits', () =>
  withDb(async (open) => {
    const db = open();
    const ran: number[] = [];
    const q = queue(db, { run: async ({ n }) => void ran.push(n) });
    q.start();
    assert.throws(() =>
      db.transaction(() => {
        q.add({ n: 1 });
        throw new Error('the action failed');
      })(),
    );
    db.transaction(() => q.add({ n: 2 }))();
    await q.idle();
    assert.deepEqual(ran, [2]);
    assert.deepEqual(rows(db), []);
    await q.stop();
  }));

test('jobs left by a stopped app run at the next start; stored data that no longer fits is dropped, not run', () =>
  withDb(async (open) => {
    const first = open();
    const idle = queue(first, { run: async () => assert.fail('not started: nothing runs') });
    idle.add({ n: 1 });
    idle.add({ n: 2 });
    first.prepare("INSERT INTO jobs (id, queue, key, data, run_after, created_at) VALUES ('bad', 'test', NULL, '{\"n\":\"two\"}', 0, '2026')").run();
    first.prepare("INSERT INTO jobs (id, queue, key, data, run_after, created_at) VALUES ('worse', 'test', NULL, 'not json', 0, '2026')").run();
    first.close();

    const db = open();
    const ran: number[] = [];
    const dropped: string[] = [];
    const q = queue(db, { run: async ({ n }) => void ran.push(n), onError: (_e, job) => dropped.push(job.jobId) });
    q.start();
    await q.idle();
    assert.deepEqual(ran.sort(), [1, 2]);
    assert.deepEqual(dropped.sort(), ['bad', 'worse']);
    assert.deepEqual(rows(db), []);
    await q.stop();
  }));

test('a failing job is retried after a growing wait, up to its limit, then given up once', () =>
  withDb(async (open) => {
    const db = open();
    const attempts: number[] = [];
    const times: number[] = [];
    const givenUp: number[] = [];
    const waits: number[] = [];
    const q = queue(db, {
      run: async (_data, job) => {
        attempts.push(job.attempt);
        times.push(Date.now());
        if (job.attempt < 3) throw new Error(`attempt ${job.attempt} failed`);
      },
      backoffMs: (failures) => {
        waits.push(failures);
        return 40 * failures;
      },
    });
    q.start();
    q.add({ n: 1 });
    await q.idle();
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.deepEqual(waits, [1, 2]);
    assert.ok(times[1]! - times[0]! >= 35 && times[2]! - times[1]! >= 75, `waited ${times[1]! - times[0]!} and ${times[2]! - times[1]!} ms`);

    // One queue object per queue name: the first gives way before the second starts.
    await q.stop();
    const failing = queue(db, { run: async () => Promise.reject(new Error('always')), giveUp: ({ n }) => void givenUp.push(n) });
    failing.start();
    failing.add({ n: 7 });
    await failing.idle();
    assert.deepEqual(givenUp, [7]);
    assert.deepEqual(rows(db), []);
    await failing.stop();
  }));

test('a failed attempt is remembered with its error until the next try', () =>
  withDb(async (open) => {
    const db = open();
    const q = queue(db, { run: async () => Promise.reject(new Error('scanner unplugged')), backoffMs: () => 60_000 });
    q.start();
    q.add({ n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(rows(db), [{ data: '{"n":1}', attempts: 1, lastError: 'scanner unplugged' }]);
    await q.stop();
  }));

test('a key keeps one job waiting per thing; stopping waits for the running job and does not count it as failed', () =>
  withDb(async (open) => {
    const db = open();
    let release!: () => void;
    let markStarted!: () => void;
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    const q = queue(db, {
      run: () =>
        new Promise<void>((_resolve, reject) => {
          release = () => reject(new Error('cut off by the stop'));
          markStarted();
        }),
    });
    q.start();
    assert.equal(q.add({ n: 1 }, { key: 'doc-1' }), true);
    assert.equal(q.add({ n: 1 }, { key: 'doc-1' }), false);
    assert.equal(q.has('doc-1'), true);
    await started;
    let stopped = false;
    const stopping = q.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(stopped, false, 'stop waits for the running job');
    release();
    await stopping;
    assert.deepEqual(rows(db), [{ data: '{"n":1}', attempts: 0, lastError: null }]);
  }));

test('a job that ends itself in its own transaction is not run again, even if it fails afterwards', () =>
  withDb(async (open) => {
    const db = open();
    let runs = 0;
    const q = queue(db, {
      run: async (_data, job) => {
        runs++;
        db.transaction(() => job.complete())();
        throw new Error('failed after its effect was recorded');
      },
    });
    q.start();
    q.add({ n: 1 });
    await q.idle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(runs, 1);
    assert.deepEqual(rows(db), []);
    await q.stop();
  }));
