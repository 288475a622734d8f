import msgreader from '@kenjiuno/msgreader';
import libmime from 'libmime';

/**
 * msgreader is CommonJS with an `exports.default`: Node (and esbuild, bundling for Node) hand the whole
 * module.exports to a default import, vite (the tests) the class itself.
 */
const MsgReader: typeof msgreader.default = typeof msgreader === 'function' ? msgreader : msgreader.default;
import { decodeText } from './charsets.js';
import { isMsg, isTnef, type MailFile } from './outlook-files.js';

/**
 * Outlook's containers, opened so that staff see what is inside. Loaded by parse-mail only for mail
 * that carries one (its own chunk in the bundle): most mail does not, and cold start does not pay.
 */

/**
 * Each file followed by the files inside it: a TNEF container's attachments, a .msg's attachments
 * (an embedded message among them listed as a .msg of its own). The containers are kept as they came
 * (the original stays evidence); inner files are named "container › file". A container that cannot
 * be read stays as it is. Stops at `max` files, the per-message attachment limit.
 */
export function unpackOutlook(files: readonly MailFile[], max: number): MailFile[] {
  const out: MailFile[] = [];
  for (const file of files) {
    out.push(file);
    if (out.length >= max) break;
    const inner = isTnef(file) ? readTnef(file.content) : isMsg(file) ? readMsg(file.content) : [];
    const container = file.filename ?? (isTnef(file) ? 'winmail.dat' : 'message.msg');
    for (const { name, content } of inner.slice(0, Math.max(0, max - out.length)))
      out.push({ filename: `${container} › ${name}`, contentType: typeOf(name), content });
  }
  return out;
}

function typeOf(name: string): string {
  return libmime.detectMimeType(name) || 'application/octet-stream';
}

interface InnerFile {
  readonly name: string;
  readonly content: Buffer;
}

const TNEF_SIGNATURE = 0x223e9f78;
/** Attribute ids (MS-OXTNEF §2.1.3.2): type in the high word, id in the low word. */
const ATT_ATTACH_REND_DATA = 0x9002;
const ATT_ATTACH_TITLE = 0x8010;
const ATT_ATTACH_DATA = 0x800f;
const ATT_ATTACHMENT = 0x9005;
const ATT_OEM_CODEPAGE = 0x9007;
const LEVEL_ATTACHMENT = 0x02;
/** PidTagAttachLongFilename; PtypString8 and PtypString. */
const PR_ATTACH_LONG_FILENAME = 0x3707;
const PT_STRING8 = 0x001e;
const PT_UNICODE = 0x001f;

/**
 * The files of a TNEF stream (MS-OXTNEF): each attachment starts at attAttachRendData; its name is the
 * long file name of its MAPI properties, else attAttachTitle (in the stream's OEM code page). One pass
 * over the attributes, reading lengths against what is left, so a malformed or hostile stream ends the
 * walk instead of looping or reading past the end. Written here rather than taken from npm: node-tnef
 * (the one TNEF package there) copies the rest of the stream for every attribute (quadratic), replaces
 * String.prototype.replaceAll process-wide and logs each call to stdout.
 */
export function readTnef(data: Buffer): InnerFile[] {
  if (data.length < 6 || data.readUInt32LE(0) !== TNEF_SIGNATURE) return [];
  const files: { title?: string; longName?: string; content?: Buffer }[] = [];
  let codepage = 'windows-1252';
  let at = 6;
  while (at + 9 <= data.length) {
    const level = data.readUInt8(at);
    const id = data.readUInt32LE(at + 1) & 0xffff;
    const length = data.readUInt32LE(at + 5);
    const start = at + 9;
    if (length > data.length - start - 2) break;
    const value = data.subarray(start, start + length);
    at = start + length + 2;
    if (id === ATT_OEM_CODEPAGE && length >= 4) codepage = `cp${value.readUInt32LE(0)}`;
    if (id === ATT_ATTACH_REND_DATA) files.push({});
    const file = files[files.length - 1];
    if (level !== LEVEL_ATTACHMENT || file === undefined) continue;
    if (id === ATT_ATTACH_TITLE) file.title = decodeText(value, codepage).replace(/\0+$/, '');
    else if (id === ATT_ATTACH_DATA) file.content = value;
    else if (id === ATT_ATTACHMENT) {
      const longName = longFileName(value);
      if (longName !== null) file.longName = longName;
    }
  }
  return files.flatMap((f, n) =>
    f.content === undefined
      ? []
      : [{ name: f.longName || f.title || `attachment-${n + 1}`, content: f.content }],
  );
}

/** PidTagAttachLongFilename from an attachment's MAPI property list (MS-OXTNEF §2.1.3.4), or null. */
function longFileName(props: Buffer): string | null {
  if (props.length < 4) return null;
  const count = props.readUInt32LE(0);
  let at = 4;
  for (let n = 0; n < count && at + 4 <= props.length; n++) {
    const type = props.readUInt16LE(at);
    const id = props.readUInt16LE(at + 2);
    at += 4;
    if (id >= 0x8000) {
      // A named property: its GUID, then a numeric id or a length-prefixed name.
      if (at + 20 > props.length) return null;
      const kind = props.readUInt32LE(at + 16);
      at += 20;
      if (kind === 1) {
        if (at + 4 > props.length) return null;
        at += 4 + pad4(props.readUInt32LE(at));
      } else at += 4;
    }
    const size = fixedSize(type & 0x0fff);
    const values = type & 0x1000 ? props.readUInt32LE(at) : 1;
    if (type & 0x1000) at += 4;
    if (size !== null && type & 0x1000) {
      at += values * size;
      continue;
    }
    if (size !== null) {
      at += Math.max(4, size);
      continue;
    }
    // Variable size: (a count of values, then) each value's length and bytes, padded to 4.
    const many = type & 0x1000 ? values : at + 4 <= props.length ? props.readUInt32LE(at) : 0;
    if (!(type & 0x1000)) at += 4;
    for (let v = 0; v < many && at + 4 <= props.length; v++) {
      const length = props.readUInt32LE(at);
      at += 4;
      if (length > props.length - at) return null;
      const bytes = props.subarray(at, at + length);
      at += pad4(length);
      if (id !== PR_ATTACH_LONG_FILENAME) continue;
      if (type === PT_UNICODE) return bytes.toString('utf16le').replace(/\0+$/, '');
      if (type === PT_STRING8) return bytes.toString('latin1').replace(/\0+$/, '');
    }
  }
  return null;
}

function pad4(length: number): number {
  return length + ((4 - (length % 4)) % 4);
}

/** Bytes of a fixed-size MAPI property type (MS-OXCDATA §2.11.1), null for variable-size types. */
function fixedSize(type: number): number | null {
  switch (type) {
    case 0x0002: // PtypInteger16
    case 0x0003: // PtypInteger32
    case 0x0004: // PtypFloating32
    case 0x000a: // PtypErrorCode
    case 0x000b: // PtypBoolean
      return 4;
    case 0x0005: // PtypFloating64
    case 0x0006: // PtypCurrency
    case 0x0007: // PtypFloatingTime
    case 0x0014: // PtypInteger64
    case 0x0040: // PtypTime
      return 8;
    case 0x0048: // PtypGuid
      return 16;
    default:
      return null;
  }
}

/**
 * The attachments of an Outlook .msg (a compound file) with @kenjiuno/msgreader: files with their
 * content; an embedded message as a .msg of its own, followed by its own files (two levels deep).
 */
export function readMsg(data: Buffer, depth = 0): InnerFile[] {
  try {
    // A copy of its own: the reader reads the whole ArrayBuffer, ignoring a view's offset (and a Buffer's
    // bytes often sit inside Node's shared pool).
    const reader = new MsgReader(new Uint8Array(data).buffer);
    const files: InnerFile[] = [];
    for (const [n, attachment] of (reader.getFileData().attachments ?? []).entries()) {
      const { fileName, content } = reader.getAttachment(attachment);
      const name = fileName || attachment.fileName || `attachment-${n + 1}`;
      const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
      files.push({ name, content: bytes });
      if (attachment.innerMsgContent === true && depth < 2)
        for (const inner of readMsg(bytes, depth + 1))
          files.push({ ...inner, name: `${name} › ${inner.name}` });
    }
    return files;
  } catch {
    return [];
  }
}
