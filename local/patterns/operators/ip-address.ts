import { invalidPattern } from '../errors';

/** An inclusive range of addresses of one family, as fixed-width uppercase hex (8 digits v4, 32 v6). */
export interface IpRange {
  readonly low: string;
  readonly high: string;
}

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;
const JAVA_INTEGER = /^[+-]?\d+$/;

/** Whether a value looks like an address literal; EventBridge only tries to parse those. */
function looksLikeIpAddress(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);
}

/** The address as hex bytes, or undefined when it is not a valid IPv4 or IPv6 literal. */
export function ipAddressToHex(text: string): string | undefined {
  const ipv4 = dottedQuadToHex(text);
  if (ipv4 !== undefined) return ipv4;
  const bytes = IPV6_SHAPE.test(text) ? parseIpv6(text) : undefined;
  return bytes && bytesToHex(bytes);
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0').toUpperCase());

// Event values are checked against address ranges on every match, so dotted quads are read without
// allocating: four decimal parts, each at most 255.
function dottedQuadToHex(text: string): string | undefined {
  let hex = '';
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let index = 0; index <= text.length; index++) {
    const code = index < text.length ? text.charCodeAt(index) : 46;
    if (code >= 48 && code <= 57) {
      part = part * 10 + code - 48;
      digits++;
    } else if (code === 46 && digits > 0 && part <= 255 && parts < 4) {
      hex += HEX_BYTES[part] as string;
      parts++;
      part = 0;
      digits = 0;
    } else {
      return undefined;
    }
  }
  return parts === 4 ? hex : undefined;
}

export function ipRangeContains(range: IpRange, hex: string): boolean {
  return hex.length === range.low.length && hex >= range.low && hex <= range.high;
}

/** A single address as a range, so `"10.0.0.1"` in a value list matches any spelling of that address. */
export function singleAddressRange(text: string): IpRange | undefined {
  const hex = looksLikeIpAddress(text) ? ipAddressToHex(text) : undefined;
  return hex === undefined ? undefined : { low: hex, high: hex };
}

/** Parses a `cidr` operand with EventBridge's validation and messages. */
export function parseCidr(text: string): IpRange {
  const parts = text.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length !== 2) invalidPattern("Malformed CIDR, one '/' required");
  const [address, maskText] = parts as [string, string];
  const maskBits = Number(maskText);
  if (!JAVA_INTEGER.test(maskText) || maskBits > 2 ** 31 - 1 || maskBits < -(2 ** 31)) {
    invalidPattern('Malformed CIDR, mask bits must be an integer');
  }
  if (maskBits < 0) invalidPattern('Malformed CIDR, mask bits must not be negative');
  if (!looksLikeIpAddress(address)) invalidPattern(`Nonstandard IP address: ${address}`);
  const bytes = IPV4_SHAPE.test(address) ? parseIpv4(address) : parseIpv6(address);
  if (!bytes) invalidPattern(`Invalid IP address: ${address}`);
  if (bytes.length === 4 && maskBits > 31) invalidPattern('IPv4 mask bits must be < 32');
  if (bytes.length === 16 && maskBits > 127) invalidPattern('IPv6 mask bits must be < 128');
  return { low: bytesToHex(bytes), high: bytesToHex(setHostBits(bytes, maskBits)) };
}

// EventBridge keeps the address as written for the bottom of the range and only fills host bits for the top.
function setHostBits(bytes: readonly number[], maskBits: number): number[] {
  let hostBits = bytes.length * 8 - maskBits;
  const top = [...bytes];
  for (let index = top.length - 1; index >= 0 && hostBits > 0; index--) {
    const bits = Math.min(hostBits, 8);
    top[index] = (top[index] as number) | ((1 << bits) - 1);
    hostBits -= bits;
  }
  return top;
}

function parseIpv4(text: string): number[] | undefined {
  const bytes = text.split('.').map(Number);
  return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

function parseIpv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] as string);
  const tail = halves.length === 2 ? parseGroups(halves[1] as string) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  if (groups.some((group) => group.length === 0 || group.length > 4)) return undefined;
  return groups.map((group) => parseInt(group, 16));
}

function bytesToHex(bytes: readonly number[]): string {
  let hex = '';
  for (const byte of bytes) hex += HEX_BYTES[byte] as string;
  return hex;
}
