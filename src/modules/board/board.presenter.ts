import type { CaseState } from '../../domain/lifecycle.ts';
import type { BoardRow, StaffPostRow } from './board.repository.ts';
import { publicStateOf, type BoardDomain, type BoardType } from './board.vocabulary.ts';
import { dictionary, localizeName, type Lang } from './i18n/index.ts';
import type { BoardFigures, PublicPostRow } from './public.repository.ts';
import { redact } from './redact.ts';

/**
 * What leaves the server about the board. The public presenter takes only
 * rows from public.repository.ts, which never select a name, a phone, a
 * hidden remark or unpublished text: it cannot emit what it never reads.
 * The reply is redacted once more here (phones, ID numbers, e-mails).
 */

export function boardTitle(b: { titleZh: string; titleEn: string }, lang: Lang): string {
  return lang === 'en' ? b.titleEn : localizeName(b.titleZh, lang);
}

const ratio = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 1000) / 1000 : null);

export function presentBoard(b: Pick<BoardRow, 'key' | 'kind' | 'titleZh' | 'titleEn'>, f: BoardFigures | undefined, lang: Lang) {
  const figures = f ?? { messages: 0, replies: 0, rated: 0, satisfied: 0, resolution: null, attitude: null, speed: null };
  return {
    key: b.key,
    kind: b.kind,
    title: boardTitle(b, lang),
    url: `/board/${b.key}`,
    figures: {
      messages: figures.messages,
      replies: figures.replies,
      replyRate: ratio(figures.replies, figures.messages),
      rated: figures.rated,
      satisfactionRate: ratio(figures.satisfied, figures.rated),
      averageMarks: { resolution: figures.resolution, attitude: figures.attitude, speed: figures.speed },
    },
  };
}
export type PublicBoard = ReturnType<typeof presentBoard>;

export function presentPublicPost(row: PublicPostRow, images: Array<{ storageName: string; mimeType: string }>, lang: Lang) {
  const t = dictionary(lang);
  const state = publicStateOf[row.state as CaseState] ?? 'pending';
  return {
    id: row.id,
    url: `/board/posts/${row.id}`,
    board: { key: row.boardKey, title: boardTitle({ titleZh: row.boardTitleZh, titleEn: row.boardTitleEn }, lang) },
    type: row.type,
    typeLabel: t.types[row.type as BoardType] ?? row.type,
    domain: row.domain,
    domainLabel: t.domains[row.domain as BoardDomain] ?? row.domain,
    state,
    stateLabel: t.states[state],
    region: row.regionKey && row.regionName ? { key: row.regionKey, name: localizeName(row.regionName, lang) } : null,
    writer: row.displayName,
    // Redacted when published; again here, so text published by any other path cannot carry a phone either.
    title: redact(row.title ?? ''),
    content: redact(row.content ?? ''),
    submittedAt: row.submittedAt.toISOString(),
    publishedAt: row.publishedAt ? row.publishedAt.toISOString() : null,
    images: images.map((i) => ({ url: `/board/images/${i.storageName}`, mimeType: i.mimeType })),
    reply: row.replyContent
      ? { content: redact(row.replyContent), unit: row.replyUnitName ? localizeName(row.replyUnitName, lang) : null, at: row.repliedAt ? row.repliedAt.toISOString() : null }
      : null,
    marks: row.resolution !== null && row.attitude !== null && row.speed !== null
      ? { resolution: row.resolution, attitude: row.attitude, speed: row.speed }
      : null,
  };
}
export type PublicPost = ReturnType<typeof presentPublicPost>;

/** The moderators' view: everything, including what is never public (name, phone, hidden remark, original text). */
export function presentPostForStaff(row: StaffPostRow, images: Array<{ attachmentId: number; mimeType: string; sizeBytes: number }>) {
  const names = [row.citizenName];
  return {
    id: row.id,
    caseId: row.caseId,
    caseNumber: row.caseNumber,
    caseState: row.caseState,
    board: { key: row.boardKey, title: row.boardTitle },
    type: row.type,
    domain: row.domain,
    status: row.status,
    submittedAt: row.submittedAt.toISOString(),
    citizen: { name: row.citizenName, phone: row.citizenPhone, displayName: row.displayName },
    hiddenRemark: row.hiddenRemark,
    original: { title: row.originalTitle, content: row.originalContent },
    suggested: { title: redact(row.originalTitle, { names }), content: redact(row.originalContent, { names }) },
    published: row.publishedTitle !== null && row.publishedContent !== null ? { title: row.publishedTitle, content: row.publishedContent } : null,
    hideImages: row.hideImages,
    rejectReason: row.rejectReason,
    moderatedAt: row.moderatedAt ? row.moderatedAt.toISOString() : null,
    publishedAt: row.publishedAt ? row.publishedAt.toISOString() : null,
    images: images.map((i) => ({ id: i.attachmentId, url: `/api/board/attachments/${i.attachmentId}`, mimeType: i.mimeType, sizeBytes: i.sizeBytes })),
  };
}
