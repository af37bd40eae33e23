/** Timing HTTP requests on loopback: one after another (latency of a page), or many at once (a load test). */
import { Agent, get } from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

/** Accept-Encoding as a browser sends it, so answers are compressed as they would be for a visitor. */
const HEADERS = { 'Accept-Encoding': 'br, gzip' };

function request(agent: Agent, url: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = get(url, { agent, headers: HEADERS }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => done(res.statusCode ?? 0));
      res.on('error', fail);
    });
    req.on('error', fail);
  });
}

/** Each URL once, in order, after one request that warms the server; latencies in ms. */
export async function timeEach(urls: string[]): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    if (urls[0]) await request(agent, urls[0]);
    const samples: number[] = [];
    for (const url of urls) {
      const started = performance.now();
      const status = await request(agent, url);
      if (status !== 200) throw new Error(`${url}: HTTP ${status}`);
      samples.push(Number((performance.now() - started).toFixed(2)));
    }
    return samples;
  } finally {
    agent.destroy();
  }
}

/** `concurrency` clients on keep-alive connections, each taking the next URL of the cycle, until `seconds` pass. */
export async function loadTest(urls: string[], concurrency: number, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latenciesMs: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const url = urls[next++ % urls.length];
      const sent = performance.now();
      const status = await request(agent, url).catch(() => 0);
      latenciesMs.push(performance.now() - sent);
      if (status !== 200) errors++;
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, client));
  } finally {
    agent.destroy();
  }
  const elapsed = (performance.now() - started) / 1000;
  return { requests: latenciesMs.length, errors, seconds: elapsed, latenciesMs };
}
