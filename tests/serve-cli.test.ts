/**
 * The two commands end to end: `mlops predict` scores a file in batch through the serving core
 * (a registry ref or a bundle folder; CSV or JSON Lines out), and `mlops serve` runs as a real
 * process that takes its ports from the command line over serving.json's, answers over HTTP and,
 * on SIGTERM, stops gracefully with its log flushed.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Papa from 'papaparse';
import { mlops } from './support/cli.js';
import { makeCsv } from './support/data.js';
import {
  instance,
  promote,
  servingRepo,
  startServeProcess,
  until,
  type ServingRepo,
} from './support/serving.js';

let repo: ServingRepo;

beforeAll(async () => {
  repo = await servingRepo();
  await promote(repo, '0.1.0', 'production');
  writeFileSync(path.join(repo.dir, 'new.csv'), makeCsv('binary', 30, { seed: 9 }));
}, 60_000);

/** Runs `mlops predict` in the repository. */
const predict = (model: string, data: string, out: string, ...flags: string[]) =>
  mlops(repo.dir, ['predict', '--model', model, '--data', data, '--out', out, ...flags]);

describe('mlops predict', () => {
  test('a registry ref scores a CSV file: its rows, then prediction and score', async () => {
    const run = await predict('churn#production', 'new.csv', 'scored.csv');
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `30 rows scored with churn v0.1.0 (production stage) → ${path.join(repo.dir, 'scored.csv')}\n`,
    );
    const scored = Papa.parse<Record<string, string>>(
      readFileSync(path.join(repo.dir, 'scored.csv'), 'utf8'),
      {
        header: true,
        skipEmptyLines: true,
      },
    );
    expect(scored.meta.fields?.slice(-3)).toEqual(['target label', 'prediction', 'score']);
    expect(scored.data).toHaveLength(30);
    expect(scored.data[0]?.['customer id']).toBe('C1000');
    for (const row of scored.data) {
      expect(['no', 'yes']).toContain(row.prediction);
      expect(Number(row.score)).toBeGreaterThanOrEqual(0);
    }
  });

  test('a bundle folder scores to JSON Lines; the same model gives the same scores', async () => {
    const run = await predict('.mlops/model', 'new.csv', 'scored.jsonl', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      model: 'churn',
      version: 'unregistered',
      via: 'bundle folder',
      rows: 30,
    });
    const rows = readFileSync(path.join(repo.dir, 'scored.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const csv = Papa.parse<Record<string, string>>(
      readFileSync(path.join(repo.dir, 'scored.csv'), 'utf8'),
      {
        header: true,
        skipEmptyLines: true,
      },
    );
    expect(rows.map((r) => r.score)).toEqual(csv.data.map((r) => Number(r.score)));
  });

  test('a bad row stops the run naming file, line and column; a bad --out is refused', async () => {
    writeFileSync(
      path.join(repo.dir, 'bad.csv'),
      '"age, years",city,member?,signup date,comment\n41,Porto,yes,2024-03-01,fine\nforty,Porto,yes,2024-03-01,fine\n',
    );
    const bad = await predict('churn@v0.1.0', 'bad.csv', 'x.csv');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.csv:3 (column "age, years"): expected a number, got "forty"');
    const format = await predict('churn@latest', 'new.csv', 'x.txt');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('x.txt: name the output .csv or .jsonl');
    const missing = await mlops(repo.dir, ['predict', '--model', 'nothing-here', '--out', 'x.csv']);
    expect(missing.stderr).toContain('no such bundle folder, and not a registry ref');
  });
});

describe('mlops serve', () => {
  test('a real process: serves, then SIGTERM stops it gracefully with the log flushed', async () => {
    // serving.json names a port in use, which --port overrides, and the gRPC API's, which applies.
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const takenPort = (taken.address() as net.AddressInfo).port;
    writeFileSync(
      path.join(repo.dir, 'serving.json'),
      JSON.stringify({ server: { port: takenPort, grpc_port: 0 } }),
    );
    const server = await startServeProcess(['serve', '--port', '0'], {
      cwd: repo.dir,
      env: { ...process.env, MLOPS_BACKEND: 'cpu', NODE_OPTIONS: '' },
    }).finally(() => taken.close());
    const { url } = server;
    expect(url).not.toContain(`:${takenPort}`);
    await until(() => server.stderr().includes('gRPC API listening at 127.0.0.1:'), 'gRPC');
    for (let i = 0; i < 400 && (await fetch(`${url}/readyz`)).status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const answer = await fetch(`${url}/v1/models/churn:predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instances: [instance(), instance()] }),
    });
    expect(answer.status).toBe(200);
    const { request_id: id } = (await answer.json()) as { request_id: string };
    expect(await server.stop()).toBe(0);
    expect(server.stdout()).toContain(`stopped serving churn at ${url} after 1 requests`);
    // Every stderr line is a JSON log line.
    for (const line of server.stderr().trim().split('\n'))
      expect(() => JSON.parse(line) as unknown).not.toThrow();
    const logged = readFileSync(
      path.join(repo.dir, '.mlops/serving/logs/predictions.jsonl'),
      'utf8',
    );
    expect(
      logged
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { id: string }).id),
    ).toEqual([`${id}/0`, `${id}/1`]);
  });
});
