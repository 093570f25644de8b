/**
 * Hot reload on a live server: a stage tag moves and serving.json changes while requests run in a
 * loop; the new versions are loaded before the swap, no request fails, the retired version is
 * disposed after its last request; a bad serving.json changes nothing; a restart reuses the
 * cached bundles; a stop answers the request in flight and logs it, and the log holds every
 * answered instance once the server has stopped.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { nodeFileSystem } from '../src/adapters/fs.js';
import { ServingCore, singleVersionSet, type ServedVersion } from '../src/serve/core.js';
import { loadBundleVersion } from '../src/serve/bundle-cache.js';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { mlops } from './support/cli.js';
import {
  instance,
  promote,
  registerAgain,
  servingContext,
  servingRepo,
  until,
  type ServingRepo,
} from './support/serving.js';

let repo: ServingRepo;
let server: RunningServer;
const log: string[] = [];
/** Ids of every instance answered with 200, to find in the prediction log. */
const answeredIds: string[] = [];

function writeServing(config: object): void {
  writeFileSync(path.join(repo.dir, 'serving.json'), JSON.stringify(config));
}

async function start(): Promise<RunningServer> {
  return startServer(await servingContext(repo.dir, log), {
    names: ['churn'],
    port: 0,
    host: '127.0.0.1',
    serving: { file: path.join(repo.dir, 'serving.json'), required: false },
  });
}

async function predict(
  headers: Record<string, string> = {},
): Promise<{ status: number; version?: string }> {
  const response = await fetch(`${server.url}/v1/models/churn:predict`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ instances: [instance()] }),
  });
  const body = (await response.json()) as {
    model_version?: string;
    predictions?: { id: string }[];
  };
  if (response.status === 200) answeredIds.push(...(body.predictions ?? []).map((p) => p.id));
  return {
    status: response.status,
    ...(body.model_version ? { version: body.model_version } : {}),
  };
}

const loadedVersions = () => [...(server.core.set?.models.get('churn')?.versions.keys() ?? [])];

/**
 * A predict request whose body is sent in two parts: the server has it in flight from the first
 * (its headers) until `finish` sends the rest; the answer's status and body.
 */
function twoPartPredict(requestId: string): {
  finish: () => Promise<{ status: number; body: string }>;
} {
  const body = JSON.stringify({ instances: [instance()] });
  const request = http.request(`${server.url}/v1/models/churn:predict`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-request-id': requestId,
    },
    agent: false,
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
  });
  request.write(body.slice(0, 10));
  return {
    finish: () => {
      request.end(body.slice(10));
      return answer;
    },
  };
}

const inFlight = async () =>
  /mlops_in_flight_requests 1\b/.test(await (await fetch(`${server.url}/metrics`)).text());

beforeAll(async () => {
  repo = await servingRepo();
  await promote(repo, '0.1.0', 'production');
  writeServing({ server: { poll_seconds: 0.2 } });
  server = await start();
}, 60_000);

describe('hot reload', () => {
  test('a stage moves and a version is deregistered under load: no request fails', async () => {
    const old = server.core.set?.models.get('churn')?.versions.get('0.1.0') as ServedVersion;
    expect(old.isDisposed).toBe(false);
    let running = true;
    const loops = Array.from({ length: 2 }, async () => {
      const seen: { status: number; version?: string }[] = [];
      while (running) {
        seen.push(await predict());
        // A breath between requests leaves the CPU to the registry commands under test.
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return seen;
    });
    await registerAgain(repo, '0.2.0');
    await promote(repo, '0.2.0', 'production');
    expect((await mlops(repo.dir, ['deregister', 'churn', '0.1.0'])).code).toBe(0);
    await until(() => loadedVersions().join() === '0.2.0', 'the poll loads v0.2.0 alone');
    // A few more rounds on the new set, then stop.
    const after = answeredIds.length;
    await until(() => answeredIds.length > after + 8, 'requests on the new set');
    running = false;
    const results = await Promise.all(loops);
    const all = results.flat();
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((r) => r.status !== 200)).toEqual([]);
    for (const seen of results) {
      // Each loop sees v0.1.0, then v0.2.0 for good: the swap happens once, between requests.
      const versions = seen.map((r) => r.version);
      const switched = versions.indexOf('0.2.0');
      expect(switched).toBeGreaterThan(-1);
      expect(versions.slice(switched).every((v) => v === '0.2.0')).toBe(true);
    }
    expect(results.flat().some((r) => r.version === '0.1.0')).toBe(true);
    // The retired version was disposed once its last request ended.
    expect(old.isDisposed).toBe(true);
    expect(log.join('')).toContain('serving churn: churn#production → v0.2.0');
  });

  test('serving.json changes: the new split applies on the next poll', async () => {
    await registerAgain(repo, '0.3.0');
    writeServing({
      models: {
        churn: {
          routes: [
            { ref: 'churn#production', weight: 50 },
            { ref: 'churn@v0.3.0', weight: 50 },
          ],
        },
      },
      server: { poll_seconds: 0.2 },
    });
    await until(() => server.core.set?.models.get('churn')?.plan.routes.length === 2, 'two routes');
    const versions = new Set<string>();
    for (let i = 0; i < 16; i++)
      versions.add((await predict({ 'x-mlops-key': `k${i}` })).version ?? '');
    expect([...versions].sort()).toEqual(['0.2.0', '0.3.0']);
  });

  test('a bad serving.json is refused; the server keeps its models and says why', async () => {
    const before = server.core.set;
    writeServing({
      models: { churn: { routes: [{ ref: 'churn#production', weight: -5 }] } },
      server: { poll_seconds: 0.2 },
    });
    await until(() => log.join('').includes('reload failed'), 'a failed reload');
    expect(log.join('')).toContain('models.churn.routes[0].weight');
    expect(server.core.set).toBe(before);
    expect((await predict()).status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/mlops_reloads_total\{result="failed"\} [1-9]/);
    writeServing({ server: { poll_seconds: 0.2 } });
    await until(() => server.core.set?.models.get('churn')?.plan.routes.length === 1, 'one route');
  });
});

describe('draining', () => {
  test('the core is idle only once every scoring has handed its instances to the log', async () => {
    const logged: string[] = [];
    const core = new ServingCore({ sink: { record: (r) => logged.push(...r.map((x) => x.id)) } });
    const version = await loadBundleVersion({ fs: nodeFileSystem }, repo.bundle);
    core.swap(singleVersionSet(version));
    await core.idle();
    const resolved = core.resolve(version.name, null, 'k');
    const scorings = [1, 2].map((n) => core.score(resolved, [instance()], { requestId: `r${n}` }));
    // As at a stop: the core closes with two scorings under way (their answers may be gone).
    core.close();
    await core.idle();
    expect(logged.sort()).toEqual(['r1/0', 'r2/0']);
    expect(version.isDisposed).toBe(true);
    await Promise.all(scorings);
  });
});

describe('stop and restart', () => {
  // Here, not at the top level: the file's top-level afterAll hooks run after the one of
  // tests/support/cleanup.ts, which removes the repository, and a stop then would write the
  // restarted server's prediction log into a folder made anew.
  afterAll(async () => {
    if (server.core.ready) await server.stop();
  });

  test('a stop answers the request in flight, logs it, then takes no request', async () => {
    const held = twoPartPredict('in-flight-at-stop');
    await until(inFlight, 'the request in flight');
    const stopped = server.stop();
    // Once the port refuses connections the API is closing, with this request still in it.
    await until(
      () =>
        fetch(`${server.url}/readyz`).then(
          () => false,
          () => true,
        ),
      'the port closed',
    );
    const answer = await held.finish();
    expect(answer.status).toBe(200);
    const outcome = await stopped;
    expect(outcome.requests).toBeGreaterThanOrEqual(answeredIds.length + 1);
    const logged = readFileSync(path.join(server.logDir, 'predictions.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; requestId: string });
    const ids = new Set(logged.map((record) => record.id));
    expect(answeredIds.filter((id) => !ids.has(id))).toEqual([]);
    expect(logged.filter((record) => record.requestId === 'in-flight-at-stop')).toHaveLength(1);
    // Stopped: the port no longer takes connections.
    await expect(predict()).rejects.toThrow();
  });

  test('a restart reuses the cached bundles; a damaged one is fetched again', async () => {
    const bundles = path.join(repo.dir, '.mlops/serving/bundles/churn');
    expect(readdirSync(bundles).sort()).toEqual([
      'v0.1.0',
      'v0.1.0.sha256',
      'v0.2.0',
      'v0.2.0.sha256',
      'v0.3.0',
      'v0.3.0.sha256',
    ]);
    // v0.2.0's weights are damaged on disk; v0.3.0's are intact.
    writeFileSync(path.join(bundles, 'v0.2.0', 'weights.bin'), 'not weights');
    log.length = 0;
    server = await start();
    const lines = log.join('');
    expect(lines).toContain('cached bundle of churn@v0.2.0 is damaged');
    expect(lines).toContain('fetched churn@v0.2.0');
    expect(lines).not.toContain('fetched churn@v0.3.0');
    expect((await predict()).status).toBe(200);
  });
});
