import type { Knex } from 'knex';

/**
 * InnoDB refills information_schema.INNODB_TRX from its transactions only when the table has not been read for
 * 0.1 s (trx_i_s_cache's CACHE_MIN_IDLE_TIME): a poll that reads it more often than that reads the same table for
 * ever, and one that began before the lock wait never sees it. Each read here waits longer than that first.
 */
const innodbTrxIdleMs = 150;

/**
 * The server sessions of `knex`'s database whose transaction waits for a row lock (their thread ids). Only this
 * database's: another suite's waits on the same server are not counted.
 */
export async function lockWaits(knex: Knex): Promise<number[]> {
  const rows = async (sql: string) => ((await knex.raw(sql)) as [{ id: number | string }[]])[0];
  await new Promise((resolve) => setTimeout(resolve, innodbTrxIdleMs));
  const here = new Set((await rows('SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = DATABASE()')).map((p) => Number(p.id)));
  const waiting = await rows("SELECT trx_mysql_thread_id AS id FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'");
  return waiting.map((t) => Number(t.id)).filter((id) => here.has(id));
}
