/**
 * Reads a zip file's central directory without unpacking anything, so a
 * .docx can be checked (is it a Word document?) before anything is
 * inflated, and inflates every entry under a byte counter, so the sizes a
 * zip declares are never trusted. Layout per PKWARE's APPNOTE.TXT, sections
 * 4.3.7 (local file header), 4.3.12 (central directory header) and 4.3.16
 * (end of central directory record).
 */
import { inflateRawSync } from 'node:zlib';

/** A zip whose entries cannot be read, or that unpacks to more than allowed; the message says which. */
export class ZipError extends Error {
  constructor(
    message: string,
    /** True when the limit on unpacked bytes was passed. */
    readonly overLimit = false,
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  /** 0 stored, 8 deflated (APPNOTE 4.4.5). */
  method: number;
  /** Where the entry's local header starts. */
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** A zip64 placeholder: the real value is in an extra field (APPNOTE 4.5.3), which a .docx under the upload limit never needs. */
const ZIP64 = 0xffffffff;

/**
 * Lists a zip's entries from its central directory.
 * @param buf - the whole zip file
 * @returns the entries, or null when the directory is missing or damaged
 */
export function inspectZip(buf: Buffer): ZipEntry[] | null {
  // The end record is in the last 22 + 65535 (comment) bytes.
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== CENTRAL) return null;
    const method = buf.readUInt16LE(offset + 10);
    const compressedSize = buf.readUInt32LE(offset + 20);
    const uncompressedSize = buf.readUInt32LE(offset + 24);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    const localOffset = buf.readUInt32LE(offset + 42);
    if (offset + 46 + nameLength > buf.length) return null;
    const name = buf.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    entries.push({ name, compressedSize, uncompressedSize, method, localOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Inflates every entry of a zip, counting the bytes really produced, and
 * stops as soon as their total passes the limit, whatever sizes the zip
 * declares (zlib's `maxOutputLength` ends the inflation at the limit, so a
 * bomb never gets further than the limit in memory).
 * @param buf - the whole zip file
 * @param maxBytes - the most all entries together may unpack to
 * @returns the real unpacked size
 * @throws ZipError for a damaged or unsupported zip, or one over the limit (`overLimit`)
 */
export function checkZipInflation(buf: Buffer, maxBytes: number): number {
  const entries = inspectZip(buf);
  if (!entries) throw new ZipError('its zip directory cannot be read');
  let total = 0;
  for (const entry of entries) {
    total += inflateEntry(buf, entry, maxBytes - total, maxBytes).length;
  }
  return total;
}

const overLimit = (maxBytes: number) =>
  new ZipError(
    `it unpacks to more than ${Math.round(maxBytes / 1048576)} MB (whatever sizes the zip declares); refusing a possible zip bomb`,
    true,
  );

/**
 * Inflates one entry; past `room` bytes it stops (zlib's `maxOutputLength`)
 * and throws, naming the limit of `maxBytes` the room is what is left of.
 */
function inflateEntry(buf: Buffer, entry: ZipEntry, room: number, maxBytes: number): Buffer {
  if (entry.localOffset === ZIP64 || entry.compressedSize === ZIP64)
    throw new ZipError(`entry ${entry.name}: zip64 entries are not supported`);
  const at = entry.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL)
    throw new ZipError(`entry ${entry.name}: its local header is missing`);
  const dataStart = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(dataStart, Math.min(buf.length, dataStart + entry.compressedSize));
  let bytes: Buffer;
  if (entry.method === 0) bytes = data;
  else if (entry.method === 8) {
    try {
      // One byte more than the room left: producing it proves the limit is passed.
      bytes = inflateRawSync(data, { maxOutputLength: Math.max(1, room + 1) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw overLimit(maxBytes);
      throw new ZipError(`entry ${entry.name} cannot be inflated: ${(err as Error).message}`);
    }
  } else throw new ZipError(`entry ${entry.name}: unsupported compression method ${entry.method}`);
  if (bytes.length > room) throw overLimit(maxBytes);
  return bytes;
}

/**
 * Reads one entry of a zip, inflated under the byte limit.
 * @param buf - the whole zip file
 * @param name - the entry's path, e.g. `docProps/core.xml`
 * @param maxBytes - the most the entry may unpack to
 * @returns its bytes, or null when the zip has no such entry
 * @throws ZipError for a damaged entry or one over the limit
 */
export function readZipEntry(buf: Buffer, name: string, maxBytes: number): Buffer | null {
  const entry = inspectZip(buf)?.find((e) => e.name === name);
  if (!entry) return null;
  return inflateEntry(buf, entry, maxBytes, maxBytes);
}
