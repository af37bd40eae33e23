/** Downloads an ATT&CK STIX bundle: the one network access of the knowledge layer. */

/** The current Enterprise bundle in MITRE's attack-stix-data repository. */
export const DEFAULT_ATTACK_URL =
  'https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/enterprise-attack/enterprise-attack.json';

const TIMEOUT_MS = 60_000;

/** Throws an Error with a one-line message when the bundle cannot be fetched (offline, HTTP error). */
export async function downloadAttackBundle(url: string = DEFAULT_ATTACK_URL): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new Error(`Cannot download ATT&CK data from ${url}: ${reason(err)}`, { cause: err });
  }
  if (!response.ok)
    throw new Error(
      `Cannot download ATT&CK data from ${url}: HTTP ${response.status} ${response.statusText}`.trim(),
    );
  try {
    return Buffer.from(await response.arrayBuffer());
  } catch (err) {
    throw new Error(`Cannot download ATT&CK data from ${url}: ${reason(err)}`, { cause: err });
  }
}

/** fetch hides the network error (ECONNREFUSED, ENOTFOUND) in `cause`. */
function reason(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  const detail = e.cause?.code ?? e.cause?.message ?? e.message;
  return String(detail).split('\n')[0];
}
