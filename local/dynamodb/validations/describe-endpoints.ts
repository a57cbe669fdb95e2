/** DescribeEndpoints takes no members. */
export function validateDescribeEndpoints(): Record<string, never> {
  return {};
}
