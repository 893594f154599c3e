import { v7 } from 'uuid';

/** UUIDv7: time-ordered, so ids sort by creation and merge well when offices sync. */
export function newId(): string {
  return v7();
}
