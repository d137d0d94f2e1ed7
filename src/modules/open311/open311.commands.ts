import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../http/context.ts';
import { createCase } from '../case/case.intake.ts';
import type { NewRequestInput } from './open311.params.ts';
import { SERVICE_NOTICE } from './open311.presenter.ts';
import { redactPersonalData } from './open311.redact.ts';
import { insertOpen311Request } from './open311.repository.ts';
import { requireService, resolveAttributes } from './open311.services.ts';

/**
 * Takes in an Open311 service request (POST requests) as a real case through
 * `createCase`, channel `open311`: the service is its category, the
 * attributes its type, urgency and region, the submitter its citizen (name
 * and phone). What the case has no column for (e-mail, device and account
 * ids, media URL, address id, the location exactly as given) is kept beside it in
 * `open311_requests`, with the key that sent it and a token.
 * @throws CATEGORY_NOT_FOUND for an unknown or inactive service code; INVALID_INPUT for a bad attribute value.
 */
export async function submitServiceRequest(ctx: Ctx, input: NewRequestInput & { apiKeyId: number }) {
  const service = await requireService(ctx.trx, input.serviceCode);
  const { type, urgency, regionUnitId } = await resolveAttributes(ctx.trx, input.attributes);
  const citizenName = personName(input.firstName, input.lastName);
  const where = input.addressString ?? (input.lat !== null ? `${input.lat}, ${input.long}` : `address_id ${input.addressId}`);
  const extra = [
    input.addressId ? `地址编号 address_id：${input.addressId}` : null,
    input.mediaUrl ? `图片/媒体 media_url：${input.mediaUrl}` : null,
  ].filter(Boolean);
  const publicDescription = input.description
    ? redactPersonalData(input.description, { names: [citizenName, input.firstName, input.lastName], phones: [input.phone], emails: [input.email] })
    : null;
  const row = await createCase(ctx, {
    channel: 'open311', type, urgency, categoryId: service.id, regionUnitId,
    // The title is built from the redacted text: titles show in more places than the content.
    title: titleOf(publicDescription, service.name),
    content: [input.description ?? `${service.name}（${where}）`, ...(extra.length ? ['', '【Open311】', ...extra] : [])].join('\n'),
    address: input.addressString, lat: input.lat, lng: input.long,
    citizenName, citizenPhone: input.phone ? input.phone.replace(/[\s-]/g, '').slice(0, 20) : null,
  });
  const token = randomBytes(16).toString('hex');
  await insertOpen311Request(ctx.trx, {
    caseId: row.id, apiKeyId: input.apiKeyId, token, categoryId: service.id,
    publicDescription,
    addressString: input.addressString, addressId: input.addressId, lat: input.lat, lng: input.long, mediaUrl: input.mediaUrl,
    email: input.email, deviceId: input.deviceId, accountId: input.accountId, attributes: input.attributes,
  });
  return { serviceRequestId: row.number, token, serviceNotice: `${SERVICE_NOTICE} 工单号 Number: ${row.number}` };
}

/** 张 + 伟 → 张伟 (Chinese order, no space); John + Smith → John Smith. */
export function personName(first: string | null, last: string | null): string | null {
  const parts = [last, first].filter((p): p is string => Boolean(p));
  if (parts.length === 0) return null;
  const cjk = parts.every((p) => /^[\p{Script=Han}·•]+$/u.test(p));
  return (cjk ? parts.join('') : [first, last].filter(Boolean).join(' ')).slice(0, 50);
}

/** The first line of the description, cut to 40 characters; the service's name when there is no description. */
function titleOf(description: string | null, serviceName: string): string {
  const line = (description ?? '').split(/\r?\n/).map((l) => l.trim()).find(Boolean) ?? '';
  const chars = [...line];
  const title = chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : line;
  return [...title].length >= 2 ? title : serviceName;
}
