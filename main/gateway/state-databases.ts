import type { z } from 'zod';
import { AppError } from '../../domain/api/errors';
import {
  GATEWAY_PATHS,
  LegalEntityRecord,
  PersonRecord,
  PoaRecord,
} from '../../domain/gateway/state-databases';

export interface StateDatabases {
  legalEntity(bin: string): Promise<LegalEntityRecord>;
  person(iin: string): Promise<PersonRecord>;
  powerOfAttorney(registryNumber: string): Promise<PoaRecord>;
}

/**
 * The adapter to the state databases through the e-government gateway. Whatever goes wrong — no
 * record, the gateway down, a timeout, an answer that is not what the schema says — the caller gets
 * one outcome: 'data-unavailable' ("the data cannot be obtained"), with the cause as the reason.
 */
export function gatewayClient(baseUrl: string, timeoutMs = 10_000): StateDatabases {
  async function fetchRecord<T extends z.ZodType>(path: string, schema: T): Promise<z.output<T>> {
    let response: Response;
    try {
      response = await fetch(new URL(path, baseUrl), { signal: AbortSignal.timeout(timeoutMs) });
    } catch {
      throw new AppError('data-unavailable', 'gateway-unreachable');
    }
    if (response.status === 404) throw new AppError('data-unavailable', 'not-found');
    if (!response.ok) throw new AppError('data-unavailable', 'gateway-error', { status: response.status });
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new AppError('data-unavailable', 'malformed-response');
    return parsed.data;
  }

  return {
    async legalEntity(bin) {
      const record = await fetchRecord(GATEWAY_PATHS.legalEntity(bin), LegalEntityRecord);
      if (record.bin !== bin) throw new AppError('data-unavailable', 'malformed-response');
      return record;
    },
    async person(iin) {
      const record = await fetchRecord(GATEWAY_PATHS.person(iin), PersonRecord);
      if (record.iin !== iin) throw new AppError('data-unavailable', 'malformed-response');
      return record;
    },
    async powerOfAttorney(registryNumber) {
      const record = await fetchRecord(GATEWAY_PATHS.poa(registryNumber), PoaRecord);
      if (record.registryNumber !== registryNumber) throw new AppError('data-unavailable', 'malformed-response');
      return record;
    },
  };
}
