import { describe, expect, it } from 'vitest';
import { MalformedImageError, stripImageMetadata } from './attachment-metadata.ts';
import { GPS_MARK, jpegWithGps, makePng, PLAIN_JPEG, PLAIN_WEBP, webpWithExif } from './attachment.fixtures.ts';

/** The JPEG markers from SOI to SOS, as a decoder walks them. */
function jpegMarkers(bytes: Buffer): string[] {
  const markers: string[] = [];
  let at = 2;
  while (at < bytes.length) {
    const marker = bytes[at + 1];
    markers.push(marker.toString(16));
    if (marker === 0xda) break;
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return markers;
}

const pngChunks = (bytes: Buffer) => {
  const types: string[] = [];
  for (let at = 8; at < bytes.length; at += 12 + bytes.readUInt32BE(at))
    types.push(bytes.subarray(at + 4, at + 8).toString('latin1'));
  return types;
};

const webpChunks = (bytes: Buffer) => {
  const types: string[] = [];
  for (let at = 12; at < bytes.length; at += 8 + bytes.readUInt32LE(at + 4) + (bytes.readUInt32LE(at + 4) % 2))
    types.push(bytes.subarray(at, at + 4).toString('latin1'));
  return types;
};

describe('stripping photo metadata', () => {
  it(
    'removes the Exif (GPS), XMP and comment segments of a JPEG and keeps JFIF, ' +
      'tables and image data byte for byte',
    () => {
      const input = jpegWithGps();
      expect(input.toString('latin1')).toContain(GPS_MARK);
      expect(jpegMarkers(input)).toEqual(['e0', 'e1', 'e1', 'fe', 'db', 'db', 'c0', 'c4', 'c4', 'c4', 'c4', 'da']);
      const output = stripImageMetadata('image/jpeg', input);
      expect(output.toString('latin1')).not.toContain(GPS_MARK);
      expect(output.toString('latin1')).not.toContain('Exif');
      expect(jpegMarkers(output)).toEqual(['e0', 'db', 'db', 'c0', 'c4', 'c4', 'c4', 'c4', 'da']);
      // SOI … EOI intact: the result is exactly the original camera-less image.
      expect(output.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      expect(output.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
      expect(output.equals(PLAIN_JPEG)).toBe(true);
      expect(stripImageMetadata('image/jpeg', PLAIN_JPEG).equals(PLAIN_JPEG)).toBe(true);
    },
  );

  it('keeps an ICC profile (APP2) but drops other APPn such as Photoshop (APP13)', () => {
    const segment = (marker: number, text: string) => {
      const data = Buffer.from(text, 'latin1');
      const head = Buffer.from([0xff, marker, 0, 0]);
      head.writeUInt16BE(data.length + 2, 2);
      return Buffer.concat([head, data]);
    };
    const input = Buffer.concat([
      PLAIN_JPEG.subarray(0, 20),
      segment(0xe2, 'ICC_PROFILE\0\x01\x01profil'),
      segment(0xed, `Photoshop 3.0\0${GPS_MARK}`),
      PLAIN_JPEG.subarray(20),
    ]);
    const output = stripImageMetadata('image/jpeg', input);
    expect(jpegMarkers(output).slice(0, 3)).toEqual(['e0', 'e2', 'db']);
    expect(output.toString('latin1')).not.toContain(GPS_MARK);
  });

  it('drops the eXIf, tEXt, iTXt and tIME chunks of a PNG', () => {
    const input = makePng(true);
    expect(pngChunks(input)).toEqual(['IHDR', 'tEXt', 'iTXt', 'tIME', 'eXIf', 'IDAT', 'IEND']);
    const output = stripImageMetadata('image/png', input);
    expect(pngChunks(output)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(output.toString('latin1')).not.toContain(GPS_MARK);
    expect(output.equals(makePng(false))).toBe(true);
  });

  it('drops the EXIF and XMP chunks of a WebP, clears their VP8X flags and fixes the RIFF size', () => {
    const input = webpWithExif();
    expect(webpChunks(input)).toEqual(['VP8X', 'ALPH', 'VP8 ', 'EXIF', 'XMP ']);
    const output = stripImageMetadata('image/webp', input);
    expect(webpChunks(output)).toEqual(['VP8X', 'ALPH', 'VP8 ']);
    expect(output.readUInt32LE(4)).toBe(output.length - 8);
    expect(output[20] & 0x0c).toBe(0);
    expect(output.toString('latin1')).not.toContain(GPS_MARK);
    expect(output.equals(PLAIN_WEBP)).toBe(true);
  });

  it('refuses files whose structure does not parse', () => {
    expect(() => stripImageMetadata('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]))).toThrow(
      MalformedImageError,
    );
    expect(() => stripImageMetadata('image/jpeg', PLAIN_JPEG.subarray(0, 100))).toThrow(MalformedImageError);
    expect(() => stripImageMetadata('image/png', makePng().subarray(0, 30))).toThrow(MalformedImageError);
    expect(() => stripImageMetadata('image/webp', Buffer.from('RIFF\x04\0\0\0WEBP', 'latin1'))).toThrow(
      MalformedImageError,
    );
  });
});
