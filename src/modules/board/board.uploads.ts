import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { Refusal } from './board.rules.ts';
import { stripImageMetadata } from './image-metadata.ts';
import { imageTypes, postLimits } from './board.vocabulary.ts';

/**
 * Pictures sent with a post: checked by their content (file-type reads the
 * magic bytes; the name and the declared type are ignored), stripped of
 * their metadata (GPS position and all: image-metadata.ts), stored under
 * `<dataDir>/uploads/` with random names, and only ever served back by the
 * image routes with their checked type and `nosniff`.
 */

export interface Upload {
  /** The name the browser sent: only for messages, never stored or used as a path. */
  filename: string;
  data: Buffer;
  /** The part was cut at the size limit. */
  truncated: boolean;
}

export interface CheckedImage {
  data: Buffer;
  mimeType: string;
  ext: string;
  sha256: string;
}

const shortName = (name: string) => ([...name].length > 60 ? `${[...name].slice(0, 57).join('')}…` : name) || '?';

/** The images, or every refusal (too many, too large, not a JPEG/PNG/WebP by content). */
export async function checkImages(uploads: readonly Upload[]): Promise<{ images: CheckedImage[]; refusals: Refusal[] }> {
  const refusals: Refusal[] = [];
  const images: CheckedImage[] = [];
  if (uploads.length > postLimits.images) refusals.push({ code: 'tooManyImages' });
  for (const u of uploads.slice(0, postLimits.images)) {
    if (u.truncated || u.data.length > postLimits.imageBytes) {
      refusals.push({ code: 'imageTooLarge', params: { name: shortName(u.filename) } });
      continue;
    }
    const detected = await fileTypeFromBuffer(u.data);
    const ext = detected ? imageTypes[detected.mime] : undefined;
    if (!detected || !ext) {
      refusals.push({ code: 'imageType', params: { name: shortName(u.filename) } });
      continue;
    }
    const data = stripImageMetadata(u.data, detected.mime);
    images.push({ data, mimeType: detected.mime, ext, sha256: createHash('sha256').update(data).digest('hex') });
  }
  return { images, refusals };
}

export const uploadsDir = (dataDir: string) => path.join(dataDir, 'uploads');

/** A random stored name: 32 hex digits and the checked extension. */
export const storageNamePattern = /^[0-9a-f]{32}\.(jpg|png|webp)$/;

export function newStorageName(ext: string): string {
  return `${randomBytes(16).toString('hex')}.${ext}`;
}

/** Writes the files (never overwriting); on failure removes what it wrote and rethrows. */
export async function writeImages(dataDir: string, files: Array<{ storageName: string; data: Buffer }>) {
  const dir = uploadsDir(dataDir);
  await fs.mkdir(dir, { recursive: true });
  const written: string[] = [];
  try {
    for (const f of files) {
      const target = path.join(dir, f.storageName);
      await fs.writeFile(target, f.data, { flag: 'wx', mode: 0o640 });
      written.push(target);
    }
  } catch (err) {
    await removeFiles(written);
    throw err;
  }
  return written;
}

export async function removeFiles(paths: readonly string[]) {
  await Promise.all(paths.map((p) => fs.rm(p, { force: true }).catch(() => {})));
}

/** The bytes of a stored image, or undefined when the file is gone. */
export async function readImage(dataDir: string, storageName: string): Promise<Buffer | undefined> {
  if (!storageNamePattern.test(storageName)) return undefined;
  return fs.readFile(path.join(uploadsDir(dataDir), storageName)).catch(() => undefined);
}
