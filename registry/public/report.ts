import type { Sql } from '../db/sql';

export interface OfficeReport {
  authorityBin: string;
  officeCode: string;
  desks: number;
  applications: number;
  licences: number;
  refusals: number;
  files: number;
  lastMutationIds: Record<string, number>;
  /**
   * Each desk as the registry last heard from it. A desk whose disk died is replaced by enrolling a new
   * one, which pulls the office's work; what the old one did after `lastSeenAt` never reached the registry
   * and is re-entered from the papers of that time.
   */
  deskStates: { clientId: string; name: string; lastMutationId: number; lastSeenAt: string | null; revoked: boolean; diverged: boolean }[];
}

/** Per office: what the registry holds of it, and how far each of its desks has pushed. */
export async function officeReport(db: Sql): Promise<OfficeReport[]> {
  const offices = await db.query<{ id: string; authority_bin: string; code: string; applications: number; licences: number; refusals: number; files: number }>(
    `SELECT o.id, o.authority_bin, o.code,
       (SELECT count(*)::int FROM applications a WHERE a.office_id = o.id) AS applications,
       (SELECT count(*)::int FROM licences l WHERE l.office_id = o.id) AS licences,
       (SELECT count(*)::int FROM refusals r WHERE r.office_id = o.id) AS refusals,
       (SELECT count(*)::int FROM files f WHERE f.office_id = o.id) AS files
     FROM offices o ORDER BY o.authority_bin, o.code`,
  );
  const desks = await db.query<{ office_id: string; client_id: string; name: string; last_mutation_id: number; last_seen_at: Date | null; revoked_at: Date | null; diverged_at: Date | null }>(
    'SELECT office_id, client_id, name, last_mutation_id, last_seen_at, revoked_at, diverged_at FROM desks ORDER BY enrolled_at',
  );
  return offices.map((o) => {
    const own = desks.filter((d) => d.office_id === o.id);
    return {
      authorityBin: o.authority_bin,
      officeCode: o.code,
      desks: own.length,
      applications: o.applications,
      licences: o.licences,
      refusals: o.refusals,
      files: o.files,
      lastMutationIds: Object.fromEntries(own.map((d) => [d.client_id, d.last_mutation_id])),
      deskStates: own.map((d) => ({
        clientId: d.client_id,
        name: d.name,
        lastMutationId: d.last_mutation_id,
        lastSeenAt: d.last_seen_at?.toISOString() ?? null,
        revoked: d.revoked_at !== null,
        diverged: d.diverged_at !== null,
      })),
    };
  });
}
