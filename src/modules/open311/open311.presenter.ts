import { formatShanghai } from '../../domain/calendar.ts';
import { openStates, stateLabels, type CaseState } from '../../domain/lifecycle.ts';
import { redactPersonalData } from './open311.redact.ts';
import type { PublicRequestRow } from './open311.repository.ts';

/**
 * What a GET of Open311 requests shows about a case. It never sees a name,
 * phone or e-mail: the repository does not select them. Free text (the
 * description, the published reply) goes through {@link redactPersonalData}
 * once more on the way out; the location is exactly what the client gave,
 * never the finer one staff may have recorded since.
 */

/** open while anything remains to be done (through the callback 回访); closed once closed, archived, rejected or merged. */
export function open311Status(state: string): 'open' | 'closed' {
  return openStates.includes(state as CaseState) ? 'open' : 'closed';
}

/** ISO 8601 in Asia/Shanghai with its offset, to the second: 2026-05-12T09:30:00+08:00. */
export function isoShanghai(at: Date | null | undefined): string | null {
  return at ? formatShanghai(new Date(Math.floor(new Date(at).getTime() / 1000) * 1000)) : null;
}

export const SERVICE_NOTICE = '12345政务服务便民热线已受理，登记后转交承办单位办理。The 12345 hotline has received this request and will pass it to the responsible agency.';

/**
 * The published answer when there is one (the approved reply, or the
 * immediate answer 直接办结), the reason when not accepted, else the state
 * in words (已受理, 办理中, …).
 */
function statusNotes(r: PublicRequestRow): string {
  if (r.replyContent) return redactPersonalData(r.replyContent);
  if (r.directAnswer) return redactPersonalData(r.directAnswer);
  if (r.state === 'rejected') return `不予受理：${r.rejectReason ?? ''}`.replace(/：$/, '');
  if (r.state === 'merged') return '已与相同诉求合并办理 Merged with an earlier request about the same matter';
  const label = stateLabels[r.state as CaseState];
  return label ? `${label.zh} ${label.en}` : r.state;
}

/** One request, its fields in the spec's order. */
export function presentRequest(r: PublicRequestRow) {
  const status = open311Status(r.state);
  return {
    service_request_id: r.number,
    status,
    status_notes: statusNotes(r),
    service_name: r.serviceName,
    service_code: String(r.categoryId),
    description: r.publicDescription ? redactPersonalData(r.publicDescription) : null,
    agency_responsible: r.leadUnitName ?? null,
    service_notice: status === 'open' ? SERVICE_NOTICE : null,
    requested_datetime: isoShanghai(r.receivedAt)!,
    updated_datetime: isoShanghai(status === 'closed' ? (r.closedAt ?? r.updatedAt) : r.updatedAt),
    expected_datetime: isoShanghai(r.leadReplyDueAt as Date | null),
    address: r.addressString ? redactPersonalData(r.addressString) : null,
    address_id: r.addressId ?? null,
    zipcode: null,
    lat: r.lat ?? null,
    long: r.lng ?? null,
    media_url: r.mediaUrl ?? null,
  };
}
export type Open311Request = ReturnType<typeof presentRequest>;
