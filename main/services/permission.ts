import { verdict, type Actor, type ApplicationFacts } from '../../domain/api/can';
import type { Channel } from '../../domain/api/contract';
import { AppError } from '../../domain/api/errors';

/** The router's check and the services' re-check inside their transaction: the one rule of domain/api/can. */
export function requireAllowed(user: Actor, call: Channel, application?: ApplicationFacts | null): void {
  const v = verdict(user, call, application);
  if (!v.allowed) throw new AppError(v.code, v.reason);
}
