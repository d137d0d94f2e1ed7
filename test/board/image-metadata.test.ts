import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileTypeFromBuffer } from 'file-type';
import { stripImageMetadata } from '../../src/modules/board/image-metadata.ts';
import { PNG } from './support.ts';

/** Photos lose their EXIF (GPS), XMP, comments and text chunks; the picture stays the same. */
describe('image metadata', () => {
  const segment = (marker: number, payload: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt16BE(0xff00 | marker, 0);
    head.writeUInt16BE(payload.length + 2, 2);
    return Buffer.concat([head, payload]);
  };
  /** EXIF (little-endian) with Orientation=6 and a fake GPS text. */
  const exif = () => {
    const tiff = Buffer.alloc(40);
    tiff.write('II', 0, 'latin1'); tiff.writeUInt16LE(42, 2); tiff.writeUInt32LE(8, 4);
    tiff.writeUInt16LE(1, 8); tiff.writeUInt16LE(0x0112, 10); tiff.writeUInt16LE(3, 12); tiff.writeUInt32LE(1, 14); tiff.writeUInt16LE(6, 18);
    tiff.write('GPS-SECRET-39.9N', 24, 'latin1');
    return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  };
  const scan = Buffer.from([0xff, 0xda, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 0x11, 0x22, 0x33, 0xff, 0xd9]);
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8]), segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xe1, exif()), segment(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Home address</x:xmpmeta>', 'latin1')),
    segment(0xfe, Buffer.from('taken at home', 'latin1')), segment(0xdb, Buffer.alloc(65, 1)), scan]);

  it('drops EXIF, XMP and comments from a JPEG, keeping the orientation and the picture', async () => {
    const out = stripImageMetadata(jpeg, 'image/jpeg');
    const text = out.toString('latin1');
    for (const secret of ['GPS-SECRET', 'Home address', 'taken at home']) assert.ok(!text.includes(secret), secret);
    assert.ok(text.includes('JFIF'));
    assert.ok(out.subarray(out.length - scan.length).equals(scan), 'the scan data is untouched');
    const app1 = out.indexOf(Buffer.from('Exif\0\0', 'latin1'));
    assert.ok(app1 > 0, 'a minimal EXIF with the orientation');
    assert.equal(out.readUInt16BE(app1 + 6 + 18), 6);
    assert.equal((await fileTypeFromBuffer(out))?.mime, 'image/jpeg');
  });

  it('drops text and EXIF chunks from a PNG', async () => {
    const chunk = (type: string, payload: Buffer) => {
      const len = Buffer.alloc(4); len.writeUInt32BE(payload.length);
      return Buffer.concat([len, Buffer.from(type, 'latin1'), payload, Buffer.alloc(4)]);
    };
    const iend = PNG.length - 12;
    const png = Buffer.concat([PNG.subarray(0, iend), chunk('tEXt', Buffer.from('Comment\0at home', 'latin1')), chunk('eXIf', exif()), PNG.subarray(iend)]);
    const out = stripImageMetadata(png, 'image/png');
    assert.deepEqual(out, PNG);
  });

  it('drops EXIF and XMP chunks from a WebP and fixes the sizes and flags', () => {
    const chunk = (fourcc: string, payload: Buffer) => {
      const head = Buffer.alloc(8); head.write(fourcc, 0, 'latin1'); head.writeUInt32LE(payload.length, 4);
      return Buffer.concat([head, payload, payload.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
    };
    const vp8x = Buffer.alloc(10); vp8x[0] = 0x08 | 0x04;
    const body = Buffer.concat([chunk('VP8X', vp8x), chunk('VP8L', Buffer.from([0x2f, 0, 0, 0, 0])), chunk('EXIF', exif()), chunk('XMP ', Buffer.from('<x>home</x>'))]);
    const riff = Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.alloc(4), Buffer.from('WEBP', 'latin1'), body]);
    riff.writeUInt32LE(riff.length - 8, 4);
    const out = stripImageMetadata(riff, 'image/webp');
    assert.ok(!out.toString('latin1').includes('GPS-SECRET') && !out.toString('latin1').includes('home'));
    assert.equal(out.readUInt32LE(4), out.length - 8);
    assert.equal(out[20] & 0x0c, 0, 'the VP8X EXIF and XMP flags are cleared');
  });

  it('returns what it cannot parse unchanged', () => {
    const broken = Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 1, 2]);
    assert.deepEqual(stripImageMetadata(broken, 'image/jpeg'), broken);
    assert.deepEqual(stripImageMetadata(Buffer.from('hello'), 'image/png'), Buffer.from('hello'));
  });
});
