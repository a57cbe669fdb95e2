import { ipAddressToHex, ipRangeContains, type IpRange } from '../../patterns/operators/ip-address';
import type { ValueComparison } from './comparison';

/** `IpAddress`: the request's address lies in the policy's CIDR block; a bare address is a block of one. */
export const ipAddressIn: ValueComparison = (requestValue, policyValue) => {
  const address = ipAddressToHex(requestValue);
  const range = iamCidr(policyValue);
  return address !== undefined && range !== undefined && ipRangeContains(range, address);
};

const ranges = new Map<string, IpRange | undefined>();

/** IAM's CIDR notation (RFC 4632), IPv4 or IPv6: the host bits are ignored at both ends of the range. */
function iamCidr(text: string): IpRange | undefined {
  if (ranges.has(text)) return ranges.get(text);
  const [address, bits, ...rest] = text.split('/');
  const hex = ipAddressToHex(address ?? '');
  const width = (hex?.length ?? 0) * 4;
  const maskBits = bits === undefined ? width : Number(bits);
  const range =
    hex === undefined || rest.length > 0 || !Number.isInteger(maskBits) || maskBits < 0 || maskBits > width || (bits !== undefined && !/^\d+$/.test(bits))
      ? undefined
      : { low: withHostBits(hex, maskBits, '0'), high: withHostBits(hex, maskBits, '1') };
  ranges.set(text, range);
  return range;
}

function withHostBits(hex: string, maskBits: number, fill: '0' | '1'): string {
  const binary = [...hex].map((digit) => parseInt(digit, 16).toString(2).padStart(4, '0')).join('');
  const filled = binary.slice(0, maskBits) + fill.repeat(binary.length - maskBits);
  let result = '';
  for (let index = 0; index < filled.length; index += 4) result += parseInt(filled.slice(index, index + 4), 2).toString(16).toUpperCase();
  return result;
}
