import { z } from 'zod';

/**
 * Wire formats of the state databases as the e-government gateway returns them (ГБД ЮЛ, ГБД ФЛ, ЕНИС).
 * The simulators in registry/ answer in these; the adapter in main/ checks every response against them.
 */
const IsoDate = z.iso.date();

export const LegalEntityRecord = z.object({
  bin: z.string(),
  fullNameKk: z.string().min(1),
  fullNameRu: z.string().min(1),
  address: z.string(),
  head: z.object({ iin: z.string(), fullName: z.string() }).nullable(),
  status: z.enum(['registered', 'liquidated', 'suspended']),
  registeredOn: IsoDate,
});
export type LegalEntityRecord = z.infer<typeof LegalEntityRecord>;

export const PersonRecord = z.object({
  iin: z.string(),
  surname: z.string().min(1),
  name: z.string().min(1),
  patronymic: z.string().nullable(),
  birthDate: IsoDate,
  address: z.string(),
  identityDocument: z.object({ kind: z.string(), number: z.string(), issuedOn: IsoDate }).nullable(),
});
export type PersonRecord = z.infer<typeof PersonRecord>;

export const PoaRecord = z.object({
  registryNumber: z.string(),
  principalIdn: z.string(),
  attorneyIin: z.string(),
  attorneyFullName: z.string(),
  powers: z.string(),
  validFrom: IsoDate,
  validUntil: IsoDate,
  notary: z.string(),
  revoked: z.boolean(),
});
export type PoaRecord = z.infer<typeof PoaRecord>;

export const GATEWAY_PATHS = {
  legalEntity: (bin: string) => `/gbd-ul/v1/entities/${encodeURIComponent(bin)}`,
  person: (iin: string) => `/gbd-fl/v1/persons/${encodeURIComponent(iin)}`,
  poa: (registryNumber: string) => `/enis/v1/poa/${encodeURIComponent(registryNumber)}`,
} as const;
