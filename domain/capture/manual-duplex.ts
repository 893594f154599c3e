/**
 * Manual duplex on a simplex feeder: the fronts are scanned, the stack is turned over and the backs
 * scanned. Turned over as a whole, the backs come out last page first; put back in the tray as they
 * were, they come in order. Either way the result is front 1, back 1, front 2, back 2, …
 */
export function interleaved<T>(fronts: readonly T[], backs: readonly T[], backsReversed: boolean): T[] {
  if (fronts.length !== backs.length) throw new RangeError(`manual duplex needs as many backs as fronts (${fronts.length} ≠ ${backs.length})`);
  const ordered = backsReversed ? [...backs].reverse() : backs;
  return fronts.flatMap((front, i) => [front, ordered[i]!]);
}

/** A tray of fronts followed by their backs, interleaved; null when it cannot be split in two equal halves. */
export function interleavedTray<T>(pages: readonly T[], backsReversed: boolean): T[] | null {
  if (pages.length < 2 || pages.length % 2 !== 0) return null;
  const half = pages.length / 2;
  return interleaved(pages.slice(0, half), pages.slice(half), backsReversed);
}
