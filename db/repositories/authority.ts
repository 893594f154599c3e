import type { Db } from '../db';

export interface AuthorityRecord {
  nameKk: string;
  nameRu: string;
  bin: string;
  placeKk: string;
  placeRu: string;
  officeCode: string;
}

export function getAuthority(db: Db): AuthorityRecord | null {
  const row = db.prepare('SELECT * FROM authority WHERE id = 1').get() as Record<string, string> | undefined;
  if (!row) return null;
  return {
    nameKk: row.name_kk!,
    nameRu: row.name_ru!,
    bin: row.bin!,
    placeKk: row.place_kk!,
    placeRu: row.place_ru!,
    officeCode: row.office_code!,
  };
}

export function saveAuthority(db: Db, a: AuthorityRecord): void {
  db.prepare(
    `INSERT INTO authority (id, name_kk, name_ru, bin, place_kk, place_ru, office_code)
     VALUES (1, @nameKk, @nameRu, @bin, @placeKk, @placeRu, @officeCode)
     ON CONFLICT(id) DO UPDATE SET name_kk = excluded.name_kk, name_ru = excluded.name_ru, bin = excluded.bin,
       place_kk = excluded.place_kk, place_ru = excluded.place_ru, office_code = excluded.office_code`,
  ).run(a);
}
