/**
 * Removes the metadata a phone photo carries before it is stored and shown
 * publicly: EXIF (GPS position, camera, time), XMP, IPTC, comments and text
 * chunks. Pure, byte-level, no re-encoding: the picture itself is unchanged.
 * A JPEG keeps only its EXIF orientation (in a new minimal EXIF block), so a
 * portrait photo is not shown on its side. Tested in test/board/image-metadata.test.ts.
 * Anything that does not parse cleanly is returned as it came (the content
 * check has already accepted it as a picture).
 */
export function stripImageMetadata(data: Buffer, mimeType: string): Buffer {
  try {
    if (mimeType === 'image/jpeg') return stripJpeg(data);
    if (mimeType === 'image/png') return stripPng(data);
    if (mimeType === 'image/webp') return stripWebp(data);
  } catch {
    /* malformed: fall through */
  }
  return data;
}

function stripJpeg(data: Buffer): Buffer {
  if (data[0] !== 0xff || data[1] !== 0xd8) return data;
  const out: Buffer[] = [data.subarray(0, 2)];
  let orientation: number | undefined;
  let i = 2;
  while (i + 4 <= data.length) {
    if (data[i] !== 0xff) return data;
    const marker = data[i + 1];
    if (marker === 0xff) { i += 1; continue; }
    if (marker === 0xda || marker === 0xd9) {
      if (orientation && orientation !== 1) out.splice(1, 0, orientationExif(orientation));
      out.push(data.subarray(i));
      return Buffer.concat(out);
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { out.push(data.subarray(i, i + 2)); i += 2; continue; }
    const end = i + 2 + data.readUInt16BE(i + 2);
    if (end > data.length) return data;
    const segment = data.subarray(i, end);
    if (marker === 0xe1) orientation ??= readOrientation(segment.subarray(4));
    // APP1 (EXIF, XMP), APP12 (Ducky), APP13 (IPTC), COM: dropped. APP0 (JFIF), APP2 (ICC colours), APP14 (Adobe), tables: kept.
    if (![0xe1, 0xec, 0xed, 0xfe].includes(marker)) out.push(segment);
    i = end;
  }
  return data;
}

/** The EXIF orientation (1–8) from an APP1 payload, if it is EXIF and has one. */
function readOrientation(app1: Buffer): number | undefined {
  if (app1.subarray(0, 6).toString('latin1') !== 'Exif\0\0') return undefined;
  const tiff = app1.subarray(6);
  const little = tiff.subarray(0, 2).toString('latin1') === 'II';
  const u16 = (o: number) => (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  const count = u16(ifd);
  for (let k = 0; k < count; k++) {
    const entry = ifd + 2 + k * 12;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** A minimal APP1 segment: EXIF with one entry, the orientation. */
function orientationExif(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

const pngDropped = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

function stripPng(data: Buffer): Buffer {
  const out: Buffer[] = [data.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= data.length) {
    const end = i + 12 + data.readUInt32BE(i);
    if (end > data.length) return data;
    const type = data.subarray(i + 4, i + 8).toString('latin1');
    if (!pngDropped.has(type)) out.push(data.subarray(i, end));
    i = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
  return data;
}

function stripWebp(data: Buffer): Buffer {
  if (data.subarray(0, 4).toString('latin1') !== 'RIFF' || data.subarray(8, 12).toString('latin1') !== 'WEBP') return data;
  const out: Buffer[] = [];
  let i = 12;
  while (i + 8 <= data.length) {
    const fourcc = data.subarray(i, i + 4).toString('latin1');
    const size = data.readUInt32LE(i + 4);
    const end = i + 8 + size + (size % 2);
    if (end > data.length) return data;
    let chunk = data.subarray(i, end);
    if (fourcc === 'VP8X') {
      chunk = Buffer.from(chunk);
      chunk[8] &= ~(0x08 | 0x04); // the EXIF and XMP flags
    }
    if (fourcc !== 'EXIF' && fourcc !== 'XMP ') out.push(chunk);
    i = end;
  }
  const body = Buffer.concat(out);
  const header = Buffer.from('RIFF\0\0\0\0WEBP', 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  return Buffer.concat([header, body]);
}
