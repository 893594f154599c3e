import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { BlobStore } from '../../db/blob-store';
import type { Db } from '../../db/db';
import { openDatabase } from '../../db/open';
import { appendEvent } from '../../db/repositories/events';
import { saveEnrolment, type Enrolment } from '../../db/repositories/registry-link';
import type { RegistryDb } from '../../registry/db/sql';
import type { OfficeEventInput } from '../../domain/events/office-events';
import { loadCalendar, loadCatalogue } from '../../main/catalogue/load';
import { enrolTestDesk } from './registry-desk';
import { tempDir } from './temp';

export type ModelStatus = 'registered' | 'assigned' | 'ready-for-decision';

/**
 * An office's desk for sync tests: a real SQLite file with the outbox, its events written as the
 * services write them (appendEvent, in a transaction), enrolled with the registry. It keeps a model of
 * each application's status, so every command's expected outcome at the registry is known.
 */
export class SyncOffice {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly now = () => new Date();
  catalogue = loadCatalogue();
  calendar = loadCalendar();
  readonly apps: { id: string; status: ModelStatus }[] = [];
  /** Mutation id → what the registry must answer. */
  readonly expected = new Map<number, 'accepted' | 'rejected'>();
  enrolment!: Enrolment;
  private journal = 0;
  private readonly dir = tempDir('ajo-office-');

  constructor(readonly code: string, readonly authorityBin: string) {
    this.db = openDatabase(join(this.dir.path, 'ajo.sqlite'));
    this.blobs = new BlobStore(join(this.dir.path, 'files'));
  }

  async enrol(registry: RegistryDb, registryUrl: string) {
    const desk = await enrolTestDesk(registry, { authorityBin: this.authorityBin, officeCode: this.code });
    this.enrolment = {
      registryUrl,
      clientId: desk.clientId,
      authorityBin: this.authorityBin,
      officeCode: this.code,
      caPem: desk.caPem,
      certificatePem: desk.certificatePem,
      privateKeyPem: desk.privateKeyPem,
      enrolledAt: new Date().toISOString(),
    };
    saveEnrolment(this.db, this.enrolment);
  }

  private record(applicationId: string, event: Extract<OfficeEventInput, { entity: 'application' }>, outcome: 'accepted' | 'rejected') {
    const mutationId = this.db.transaction(() => {
      appendEvent(this.db, { ...event, at: new Date().toISOString(), actorId: null, entityId: applicationId });
      return (this.db.prepare('SELECT max(mutation_id) AS id FROM outbox').get() as { id: number }).id;
    })();
    this.expected.set(mutationId, outcome);
  }

  /** One action of the office's work, chosen by `pick` (0 ≤ pick < 1): a registration, the next step of one of its applications, or now and then a step that no longer fits (which the registry must refuse). */
  act(pick: number, choose: number) {
    if (this.apps.length === 0 || pick < 0.3) {
      const id = randomUUID();
      this.journal++;
      this.record(
        id,
        {
          type: 'application.registered',
          entity: 'application',
          payload: {
            journalNumber: `${this.code}-2026-${String(this.journal).padStart(5, '0')}`,
            dueDate: '2026-12-20',
            formSha256: 'c'.repeat(64),
            signerIin: null,
            warnings: [],
            serviceCode: 'scrap-metal',
            procedure: 'issue',
            applicant: { kind: 'legal', idn: '150840001234', name: 'ТОО «Металл»', nameKk: null },
          },
        },
        'accepted',
      );
      this.apps.push({ id, status: 'registered' });
      return;
    }
    const app = this.apps[Math.floor(choose * this.apps.length)]!;
    if (pick > 0.93) {
      // A step the application's state no longer allows.
      const misfit = app.status === 'ready-for-decision' ? 'application.assigned' : 'application.returned-to-executor';
      this.record(app.id, misfit === 'application.assigned' ? { type: misfit, entity: 'application', payload: { executorId: randomUUID() } } : { type: misfit, entity: 'application', payload: { note: 'x' } }, 'rejected');
      return;
    }
    if (app.status === 'registered' || (app.status === 'assigned' && pick < 0.45)) {
      this.record(app.id, { type: 'application.assigned', entity: 'application', payload: { executorId: randomUUID() } }, 'accepted');
      app.status = 'assigned';
    } else if (app.status === 'assigned') {
      this.record(app.id, { type: 'application.submitted-for-decision', entity: 'application' }, 'accepted');
      app.status = 'ready-for-decision';
    } else {
      this.record(app.id, { type: 'application.returned-to-executor', entity: 'application', payload: { note: 'уточнить' } }, 'accepted');
      app.status = 'assigned';
    }
  }

  outbox(): { mutationId: number; eventId: string; state: string; reason: string | null; registryNumber: string | null; applicationId: string; type: string }[] {
    return this.db
      .prepare('SELECT mutation_id AS mutationId, event_id AS eventId, state, reason, registry_number AS registryNumber, application_id AS applicationId, type FROM outbox ORDER BY mutation_id')
      .all() as never;
  }

  newApplicationId(): string {
    return randomUUID();
  }

  /** The data folder, as `ajo --data-dir` takes it. */
  get dataDir(): string {
    return this.dir.path;
  }

  close() {
    this.db.close();
    this.dir.remove();
  }
}
