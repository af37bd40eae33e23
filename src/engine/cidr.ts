/** CIDR ranges, IPv4 and IPv6: parsed once from a rule, tested against event values. */

export interface CidrRange {
  bytes: number[];
  prefix: number;
}

function ipv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    out.push(Number(p));
  }
  return out;
}

function ipv6(text: string): number[] | undefined {
  let body = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  let tail: number[] = [];
  const lastColon = body.lastIndexOf(':');
  if (body.includes('.') && lastColon >= 0) {
    const v4 = ipv4(body.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = v4;
    body = body.slice(0, lastColon + 1) + '0:0';
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const fill = 8 - head.length - rest.length;
  if (halves.length === 1 ? fill !== 0 : fill < 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...rest];
  const out: number[] = [];
  for (const g of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
    const n = parseInt(g, 16);
    out.push(n >> 8, n & 0xff);
  }
  if (tail.length) out.splice(12, 4, ...tail);
  return out;
}

/** An address as bytes (4 for IPv4, 16 for IPv6), or undefined. */
export function ipBytes(text: string): number[] | undefined {
  const t = text.trim();
  return t.includes(':') ? ipv6(t) : ipv4(t);
}

export function parseCidr(text: string): CidrRange | undefined {
  const [address, bits] = text.trim().split('/');
  const bytes = ipBytes(address);
  if (!bytes) return undefined;
  const prefix = bits === undefined ? bytes.length * 8 : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bytes.length * 8) return undefined;
  return { bytes, prefix };
}

export function inCidr(range: CidrRange, address: number[]): boolean {
  if (address.length !== range.bytes.length) return false;
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((address[i] & mask) !== (range.bytes[i] & mask)) return false;
  }
  return true;
}
