/**
 * Strips what a photo says about its author (GPS position, camera serial, date, software) before
 * it is stored: residents send photos of their street, and a request may be anonymous. Pure
 * byte surgery on the container, no decoding: the image data itself is copied untouched.
 * A file whose structure does not parse throws `MalformedImageError` (the caller refuses it).
 */
export class MalformedImageError extends Error {}

export type StrippableType = 'image/jpeg' | 'image/png' | 'image/webp';

export function stripImageMetadata(type: StrippableType, bytes: Buffer): Buffer {
  if (type === 'image/jpeg') return stripJpeg(bytes);
  if (type === 'image/png') return stripPng(bytes);
  return stripWebp(bytes);
}

const startsWith = (bytes: Buffer, at: number, text: string) =>
  bytes.subarray(at, at + text.length).toString('latin1') === text;

/** JPEG markers that keep their place: APP0 (JFIF/JFXX), APP2 when it is an ICC profile, APP14 "Adobe" (colour transform of CMYK files). */
function keepsJpegSegment(marker: number, bytes: Buffer, dataStart: number): boolean {
  if (marker === 0xe0) return startsWith(bytes, dataStart, 'JFIF\0') || startsWith(bytes, dataStart, 'JFXX\0');
  if (marker === 0xe2) return startsWith(bytes, dataStart, 'ICC_PROFILE\0');
  if (marker === 0xee) return startsWith(bytes, dataStart, 'Adobe');
  // Other APPn (Exif, XMP, maker notes, Photoshop IRB…) and comments go.
  return !((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe);
}

/** Walks the segments from SOI to SOS, dropping metadata ones; the entropy-coded data after SOS is copied as is. */
export function stripJpeg(bytes: Buffer): Buffer {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new MalformedImageError('JPEG: SOI manquant');
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw new MalformedImageError('JPEG: marqueur attendu');
    // Fill bytes (0xFF 0xFF…) may precede a marker.
    while (bytes[at + 1] === 0xff) at += 1;
    const marker = bytes[at + 1];
    if (marker === undefined) throw new MalformedImageError('JPEG: fin inattendue');
    if (marker === 0xd9) {
      kept.push(bytes.subarray(at, at + 2));
      return Buffer.concat(kept);
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      kept.push(bytes.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) throw new MalformedImageError('JPEG: segment tronqué');
    const length = bytes.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) throw new MalformedImageError('JPEG: longueur de segment invalide');
    if (marker === 0xda) {
      kept.push(bytes.subarray(at));
      return Buffer.concat(kept);
    }
    if (keepsJpegSegment(marker, bytes, at + 4)) kept.push(bytes.subarray(at, end));
    at = end;
  }
  throw new MalformedImageError('JPEG: pas de données d’image');
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

/** Copies the chunks up to IEND, without the textual and Exif ones. CRCs of kept chunks stay valid (chunks are copied whole). */
export function stripPng(bytes: Buffer): Buffer {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE))
    throw new MalformedImageError('PNG: signature manquante');
  const kept: Buffer[] = [PNG_SIGNATURE];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.subarray(at + 4, at + 8).toString('latin1');
    const end = at + 12 + length;
    if (end > bytes.length) throw new MalformedImageError('PNG: bloc tronqué');
    if (!PNG_DROPPED.has(type)) kept.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') return Buffer.concat(kept);
  }
  throw new MalformedImageError('PNG: IEND manquant');
}

const WEBP_DROPPED = new Set(['EXIF', 'XMP ']);
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

/** Drops the EXIF and XMP chunks, clears their VP8X flags and rewrites the RIFF size. */
export function stripWebp(bytes: Buffer): Buffer {
  if (bytes.length < 12 || !startsWith(bytes, 0, 'RIFF') || !startsWith(bytes, 8, 'WEBP'))
    throw new MalformedImageError('WebP: en-tête RIFF manquant');
  const riffEnd = Math.min(bytes.length, 8 + bytes.readUInt32LE(4));
  const kept: Buffer[] = [];
  let at = 12;
  while (at + 8 <= riffEnd) {
    const fourcc = bytes.subarray(at, at + 4).toString('latin1');
    const size = bytes.readUInt32LE(at + 4);
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > riffEnd) throw new MalformedImageError('WebP: bloc tronqué');
    if (!WEBP_DROPPED.has(fourcc)) {
      const chunk = Buffer.from(bytes.subarray(at, Math.min(end, riffEnd)));
      if (fourcc === 'VP8X' && size >= 1) chunk[8] &= ~(VP8X_EXIF | VP8X_XMP);
      kept.push(chunk);
    }
    at = end;
  }
  if (kept.length === 0) throw new MalformedImageError('WebP: aucune image');
  const body = Buffer.concat(kept);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + body.length, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}
