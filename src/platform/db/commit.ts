// How a transaction that only records a reading commits (docs/decisions/0014-read-audit-commit.md).
import { sql } from 'kysely';

/**
 * A condition (always true) that makes the current transaction commit without waiting for its WAL to reach the
 * disk: put it in the WHERE of the statement that writes the record of a reading (the audit row of a child's read,
 * the local offer's search log and view counts). The row still commits with the statement's transaction, and is
 * visible to everyone at once; only a crash of the database server itself, in the ≤ 0.6 s before PostgreSQL's WAL
 * writer flushes (3 × wal_writer_delay), could lose the latest such rows. `set_config(…, true)` lasts to the end of
 * the transaction, so a pooled connection's next transaction (perhaps a change) commits synchronously again.
 *
 * Never use it in a transaction that changes a child's record or anything a user is told is saved.
 * An area that wants these rows to wait for the disk too sets `ALTER DATABASE … SET joinedup.read_commit = 'on'`
 * (or any other value synchronous_commit takes); anything else, or nothing, means off.
 */
export const commitReadWithoutWaiting = sql<boolean>`set_config('synchronous_commit',
  CASE WHEN current_setting('joinedup.read_commit', true) IN ('on', 'local', 'remote_write', 'remote_apply')
    THEN current_setting('joinedup.read_commit', true) ELSE 'off' END, true) IS NOT NULL`;
