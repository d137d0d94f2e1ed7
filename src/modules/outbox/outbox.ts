import type { Trx } from '../../db/database.ts';

/**
 * Domain events go into the outbox in the same transaction as the change
 * they describe; jobs read it after commit (notifications, SMS, statistics,
 * search). Nothing important rides an in-process emitter.
 */
export interface DomainEvent {
  type: string;
  caseId?: number;
  payload: Record<string, unknown>;
  /** When it happened (the command's clock); defaults to the transaction's time. */
  at?: Date;
}

export async function appendEvent(trx: Trx, event: DomainEvent) {
  await trx
    .insertInto('outbox')
    .values({ eventType: event.type, caseId: event.caseId ?? null, payload: JSON.stringify(event.payload), ...(event.at ? { createdAt: event.at } : {}) })
    .execute();
}
