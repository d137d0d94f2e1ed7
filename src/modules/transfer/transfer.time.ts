/**
 * Times in imported and exported files. Files from Chinese systems write
 * wall-clock time without an offset ('2020-01-06 12:09:38'); we read such a
 * time as Asia/Shanghai (UTC+8 all year, no daylight saving), whatever the
 * server's TZ. Pure.
 */

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const pattern = new RegExp(
  '^(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?' +
    '(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,6}))?)?)?' +
    '\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?$',
  'i',
);

/**
 * The instant a file's time cell means, or null when it cannot be read.
 * Accepts 'YYYY-MM-DD[ HH:mm[:ss[.fff]]]' with '-', '/', '.' or 年月日, a 'T'
 * between date and time, and an optional offset ('Z', '+08:00', '+0800').
 */
export function parseFileTime(raw: string): Date | null {
  const m = pattern.exec(raw.trim());
  if (!m) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((v) => (v === undefined ? undefined : Number(v)));
  const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (month! < 1 || month! > 12 || day! < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year!, month! - 1, day!, hour, minute, second, millis);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day) return null; // 2020-02-30
  return new Date(wall - offsetMs(m[8]));
}

function offsetMs(offset: string | undefined): number {
  if (!offset) return SHANGHAI_OFFSET_MS;
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 3_600_000 + Number(digits.slice(2) || 0) * 60_000);
}

/** 'YYYY-MM-DD HH:mm:ss' in Shanghai: the board-export time format. */
export function formatBoardTime(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A spreadsheet date cell as the wall-clock text it shows. Spreadsheet dates
 * carry no zone; the XLSX reader hands them over as if they were UTC.
 */
export function wallClockOfSpreadsheetDate(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}
