import { ipAddressToHex } from '../operators/ip-address';

// One event value is looked up in many states; derive its lower-case and address forms once, not per state.
let lowerCaseSource: string | undefined;
let lowerCaseValue = '';
let ipSource: string | undefined;
let ipValue: string | undefined;

export function lowerCaseOf(value: string): string {
  if (value !== lowerCaseSource) {
    lowerCaseSource = value;
    lowerCaseValue = value.toLowerCase();
  }
  return lowerCaseValue;
}

/** The value as IP address hex, or undefined when it is not an address literal. */
export function ipHexOf(value: string): string | undefined {
  if (value !== ipSource) {
    ipSource = value;
    ipValue = ipAddressToHex(value);
  }
  return ipValue;
}
