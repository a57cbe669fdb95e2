/** A DynamoDB item or key in wire format: attribute name to AttributeValue (`{ S: "x" }`, `{ N: "1" }`, ...). */
export type AttributeMap = Record<string, unknown>;

type AttributeValue = Record<string, unknown>;

const SET_TYPES = new Set(['SS', 'NS', 'BS']);

/**
 * Whether two images hold the same data. DynamoDB writes no stream record for a write that changes nothing,
 * and sets are unordered, so `{SS:["a","b"]}` equals `{SS:["b","a"]}`.
 */
export function sameItem(a: AttributeMap | undefined, b: AttributeMap | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const names = Object.keys(a);
  if (names.length !== Object.keys(b).length) return false;
  return names.every((name) => name in b && sameValue(a[name] as AttributeValue, b[name] as AttributeValue));
}

function sameValue(a: AttributeValue, b: AttributeValue): boolean {
  const [type] = Object.keys(a);
  if (type === undefined || !(type in b)) return false;
  const left = a[type];
  const right = b[type];
  if (SET_TYPES.has(type)) {
    const leftSet = new Set(left as string[]);
    const rightValues = right as string[];
    return leftSet.size === new Set(rightValues).size && rightValues.every((value) => leftSet.has(value));
  }
  if (type === 'L') {
    const leftList = left as AttributeValue[];
    const rightList = right as AttributeValue[];
    return leftList.length === rightList.length && leftList.every((value, index) => sameValue(value, rightList[index]));
  }
  if (type === 'M') return sameItem(left as AttributeMap, right as AttributeMap);
  return left === right;
}

/** An approximation of DynamoDB's item size rules: names plus values, numbers about half their digits. */
export function approximateSize(image: AttributeMap | undefined): number {
  if (image === undefined) return 0;
  let size = 0;
  for (const [name, value] of Object.entries(image)) size += Buffer.byteLength(name) + valueSize(value as AttributeValue);
  return size;
}

function valueSize(value: AttributeValue): number {
  const [type] = Object.keys(value);
  const content = value[type];
  switch (type) {
    case 'S':
      return Buffer.byteLength(content as string);
    case 'N':
      return numberSize(content as string);
    case 'B':
      return Buffer.byteLength(content as string, 'base64');
    case 'SS':
      return (content as string[]).reduce((sum, item) => sum + Buffer.byteLength(item), 0);
    case 'NS':
      return (content as string[]).reduce((sum, item) => sum + numberSize(item), 0);
    case 'BS':
      return (content as string[]).reduce((sum, item) => sum + Buffer.byteLength(item, 'base64'), 0);
    case 'L':
      return 3 + (content as AttributeValue[]).reduce((sum, item) => sum + 1 + valueSize(item), 0);
    case 'M':
      return 3 + Object.keys(content as AttributeMap).length + approximateSize(content as AttributeMap);
    default:
      return 1;
  }
}

function numberSize(text: string): number {
  return Math.ceil(text.replace(/[-.]|e.*$/i, '').length / 2) + 1;
}
