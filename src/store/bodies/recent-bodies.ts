// The inline bodies written or read last, up to a byte budget, least recently used out first. An id names
// the same bytes for ever (ids are never reused), so a kept copy is never stale; one whose record is gone
// is simply never asked for again, and ages out.
export class RecentBodies {
  readonly #bodies = new Map<string, Buffer>();
  #bytes = 0;

  constructor(private readonly budget: number) {}

  get(id: string): Buffer | undefined {
    const bytes = this.#bodies.get(id);
    if (bytes) {
      // Map order is insertion order: moving it to the end makes it the most recent.
      this.#bodies.delete(id);
      this.#bodies.set(id, bytes);
    }
    return bytes;
  }

  keep(id: string, bytes: Buffer): void {
    if (bytes.length > this.budget || this.#bodies.has(id)) return;
    this.#bodies.set(id, bytes);
    this.#bytes += bytes.length;
    for (const [oldest, old] of this.#bodies) {
      if (this.#bytes <= this.budget) break;
      this.#bodies.delete(oldest);
      this.#bytes -= old.length;
    }
  }

  drop(ids: readonly string[]): void {
    for (const id of ids) {
      const bytes = this.#bodies.get(id);
      if (!bytes) continue;
      this.#bodies.delete(id);
      this.#bytes -= bytes.length;
    }
  }
}
