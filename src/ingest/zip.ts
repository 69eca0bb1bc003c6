/**
 * Reads a zip file's central directory without unpacking anything, so a
 * .docx can be checked (is it a Word document? how large does it unpack?)
 * before mammoth inflates it. Layout per PKWARE's APPNOTE.TXT, sections 4.3.12
 * (central directory header) and 4.3.16 (end of central directory record).
 */

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

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
    const compressedSize = buf.readUInt32LE(offset + 20);
    const uncompressedSize = buf.readUInt32LE(offset + 24);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    if (offset + 46 + nameLength > buf.length) return null;
    const name = buf.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    entries.push({ name, compressedSize, uncompressedSize });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
