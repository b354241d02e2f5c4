// Builds a hot statement with Kysely once per shape and reuses its compiled SQL, instead of building and compiling
// the same query tree on every request. Building and compiling the child read (the access policy, the read and
// the audit insert in one statement) cost more of the Node process's time than anything else on that route
// (bench/README.md, the profile); the SQL text and the database's plan are the same every time.
//
// `shape` is everything the builder may branch on (for the child read: the whole actor); it is the cache key.
// `slots` are the values that change per call and may only ever travel as parameters (the child's id, today, the
// request's address). The builder is called with a marker in place of each slot; every compiled parameter must
// then be exactly a marker (filled per call) or a constant holding no marker. A builder that puts a slot into the
// SQL text, or derives a value from one (slices it, lower-cases it), is refused with an error the first time,
// rather than cached wrongly. test/integration/access-policy.test.ts checks the cached child read against a fresh
// build for every role and relationship.
import type { CompiledQuery } from 'kysely';

const markerPrefix = '\u0000slot:';
const marker = (name: string): string => `${markerPrefix}${name}\u0000`;

interface Template {
  query: CompiledQuery;
  /** For each parameter: the slot it is filled from, or null for a constant. */
  from: (string | null)[];
}

/** Builds a statement with the given query builder (a Kysely instance or a transaction; only compiled, not run). */
export type StatementBuilder<Q, Shape, Slots> = (qb: Q, shape: Shape, slots: Slots) => { compile(): CompiledQuery };

export class StatementCache<Q, Shape, Slots extends Record<string, unknown>> {
  private readonly templates = new Map<string, Template>();

  constructor(
    private readonly build: StatementBuilder<Q, Shape, Slots>,
    private readonly max = 1000,
  ) {}

  /** The statement for this shape with these slot values: the same SQL and parameters a fresh build gives. */
  compile(qb: Q, shape: Shape, slots: Slots): CompiledQuery {
    const key = JSON.stringify(shape);
    let t = this.templates.get(key);
    if (!t) {
      t = this.template(qb, shape, Object.keys(slots));
      if (this.templates.size >= this.max) {
        const oldest = this.templates.keys().next().value;
        if (oldest !== undefined) this.templates.delete(oldest);
      }
      this.templates.set(key, t);
    }
    const parameters = t.from.map((name, i) => (name === null ? t.query.parameters[i] : slots[name]));
    return { ...t.query, parameters };
  }

  /** How many shapes are cached (for tests). */
  get size(): number {
    return this.templates.size;
  }

  private template(qb: Q, shape: Shape, names: string[]): Template {
    const markers = Object.fromEntries(names.map((n) => [n, marker(n)])) as unknown as Slots;
    const query = this.build(qb, shape, markers).compile();
    // Markers begin and end with NUL, which no real text value holds (PostgreSQL refuses it in text), so any
    // NUL left in the SQL or in a parameter that is not exactly a marker came from a slot.
    if (query.sql.includes('\u0000')) throw new Error('StatementCache: a slot was written into the SQL text; it must be a parameter');
    const byMarker = new Map(names.map((n) => [marker(n), n]));
    const from = query.parameters.map((p) => {
      if (typeof p === 'string' && p.includes('\u0000')) {
        const name = byMarker.get(p);
        if (name === undefined) throw new Error('StatementCache: a parameter was derived from a slot; pass the derived value as its own slot');
        return name;
      }
      if (p !== null && typeof p === 'object' && JSON.stringify(p).includes('\\u0000slot:')) {
        throw new Error('StatementCache: a slot was put inside a structured parameter; pass it on its own');
      }
      return null;
    });
    // A slot may go unused for some shapes (an actor the policy never lets see a child needs no date).
    return { query, from };
  }
}
