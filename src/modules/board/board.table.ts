import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of the Leader Message Board (listed in `Database` in src/db/schema.ts). */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** One board per leader (city secretary, mayor, each county's secretary and head) and per city department. */
export interface BoardTable {
  id: Generated<number>;
  key: string;
  titleZh: string;
  titleEn: string;
  unitId: number;
  kind: 'leader' | 'department';
  active: Generated<boolean>;
  sort: Generated<number>;
}

/**
 * A message written to a board. The original title and content are never
 * changed; what the public sees is `published*`, set by a moderator (先审后发).
 */
export interface BoardPostTable {
  id: Generated<number>;
  boardId: number;
  caseId: number;
  domain: string;
  /** The masked name shown to the public (陈**), made at submission. */
  displayName: string;
  originalTitle: string;
  originalContent: string;
  /** The citizen's hidden remark: staff only, never published. */
  hiddenRemark: string | null;
  publishedTitle: string | null;
  publishedContent: string | null;
  hideImages: Generated<boolean>;
  status: Generated<'pending' | 'published' | 'rejected'>;
  rejectReason: string | null;
  /** A pseudonymous hash of the submitting IP address: counts posts per IP. */
  ipHash: string;
  submittedAt: Timestamp;
  moderatedBy: number | null;
  moderatedAt: Timestamp | null;
  publishedAt: Timestamp | null;
}

export interface BoardPostImageTable {
  attachmentId: number;
  postId: number;
  /** The random file name under `<dataDir>/uploads/`, e.g. `3f…9a.jpg`. */
  storageName: string;
  position: number;
}

/** SMS verification codes: only a salted hash of the code is stored. */
export interface BoardSmsCodeTable {
  id: Generated<number>;
  phoneHash: string;
  codeHash: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  attempts: Generated<number>;
  consumedAt: Timestamp | null;
  ipHash: string;
}

export interface BoardBannedWordTable {
  id: Generated<number>;
  word: string;
  createdBy: number | null;
  createdAt: Generated<Date>;
}

/** The citizen's marks (1–5) for resolution, attitude and speed: once per case, from any channel. */
export interface BoardRatingTable {
  caseId: number;
  resolution: number;
  attitude: number;
  speed: number;
  comment: string | null;
  ratedAt: Timestamp;
}

/** One row per throttled event (a lookup, a code request); limits count rows in a window. */
export interface BoardThrottleTable {
  id: Generated<number>;
  kind: string;
  keyHash: string;
  at: Timestamp;
}

export interface BoardTables {
  boards: BoardTable;
  boardPosts: BoardPostTable;
  boardPostImages: BoardPostImageTable;
  boardSmsCodes: BoardSmsCodeTable;
  boardBannedWords: BoardBannedWordTable;
  boardRatings: BoardRatingTable;
  boardThrottle: BoardThrottleTable;
}
