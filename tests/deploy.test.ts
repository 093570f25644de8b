/**
 * Deploying a promoted version as a container (examples/workflows/deploy.yml with
 * examples/docker/Dockerfile). No container engine runs here, so the image is checked in parts:
 * the Dockerfile's essentials read from the file; the workflow's permissions, tags and labels; then
 * the workflow's own layout step runs on a fetched bundle, every file the Dockerfile copies must be
 * in the context it makes, and the image's command (its ENTRYPOINT and CMD, with the image's
 * folder replaced by that context) runs as a real process outside any git repository, with no git
 * on its PATH, and answers — its HEALTHCHECK command included.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { nodeFileSystem } from '../src/adapters/fs.js';
import { DataError } from '../src/errors.js';
import { cacheRegistry, cacheSource } from '../src/serve/cache-registry.js';
import { DEFAULT_SERVING } from '../src/serve/serving-config.js';
import { planServing } from '../src/serve/plan.js';
import { mlops } from './support/cli.js';
import { tempDir } from './support/repo.js';
import {
  instance,
  servingRepo,
  startServeProcess,
  until,
  type ServingRepo,
} from './support/serving.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOCKERFILE = path.join(ROOT, 'examples/docker/Dockerfile');
const WORKFLOWS = path.join(ROOT, 'examples/workflows');
/** The image's WORKDIR, which the run below replaces with the laid-out context. */
const IMAGE_DIR = '/srv/mlops';

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions: comments dropped, `\` continuations joined. */
function instructions(text: string): Instruction[] {
  const logical = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  return logical.map((line) => {
    const [keyword = '', ...rest] = line.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
  });
}

const dockerfile = instructions(readFileSync(DOCKERFILE, 'utf8'));
const all = (keyword: string) => dockerfile.filter((i) => i.keyword === keyword);
const only = (keyword: string): string => {
  const found = all(keyword);
  if (found.length !== 1) throw new Error(`expected one ${keyword}, found ${found.length}`);
  return (found[0] as Instruction).args;
};
/** An exec-form (JSON array) argument list, as Docker runs it without a shell. */
const execForm = (args: string) => JSON.parse(args) as string[];

interface Step {
  name?: string;
  uses?: string;
  id?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string>;
  steps?: Step[];
  uses?: string;
}
const workflow = (file: string) =>
  parse(readFileSync(path.join(WORKFLOWS, file), 'utf8')) as {
    permissions: Record<string, string>;
    jobs: Record<string, Job>;
  };
const deploy = workflow('deploy.yml');
const deploySteps = deploy.jobs.deploy?.steps ?? [];
const stepUsing = (prefix: string): Step => {
  const step = deploySteps.find((s) => s.uses?.startsWith(prefix));
  if (!step) throw new Error(`deploy.yml's deploy job has no ${prefix} step`);
  return step;
};

describe('the serving image (examples/docker/Dockerfile)', () => {
  test('a slim Node LTS base; the published package installed without dev dependencies', () => {
    expect(only('FROM')).toMatch(/^node:(20|24)-slim$/);
    const install = all('RUN').find((i) => i.args.includes('npm install'))?.args ?? '';
    expect(install).toContain('--omit=dev');
    expect(install).toContain('"mlops-actions@${MLOPS_VERSION}"');
    expect(only('ARG')).toMatch(/^MLOPS_VERSION=/);
  });

  test('runs as a non-root user, set after the last instruction that needs root', () => {
    const user = only('USER');
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const last = dockerfile.findLastIndex((i) => i.keyword === 'RUN' || i.keyword === 'COPY');
    expect(dockerfile.findIndex((i) => i.keyword === 'USER')).toBeGreaterThan(last);
    // The one folder the server writes (the prediction log) is the user's.
    expect(all('RUN').some((i) => i.args.includes(`chown ${user}:${user} serving/logs`))).toBe(
      true,
    );
  });

  test('its command is `mlops serve --offline` on every interface, on the port it exposes and checks', () => {
    const entrypoint = execForm(only('ENTRYPOINT'));
    const cmd = execForm(only('CMD'));
    expect(entrypoint.slice(0, 3)).toEqual(['mlops', 'serve', '--offline']);
    expect(entrypoint.join(' ')).toContain('--host 0.0.0.0');
    expect(entrypoint.join(' ')).toContain(`--out ${IMAGE_DIR}`);
    expect(only('WORKDIR')).toBe(IMAGE_DIR);
    const port = cmd[cmd.indexOf('--port') + 1];
    const exposed = only('EXPOSE').split(/\s+/);
    expect(exposed).toContain(port);
    expect(exposed).toContain(cmd[cmd.indexOf('--grpc-port') + 1]);
    const healthcheck = only('HEALTHCHECK');
    expect(healthcheck).toContain(`http://127.0.0.1:${port}/readyz`);
    expect(execForm(healthcheck.slice(healthcheck.indexOf('CMD ') + 4))[0]).toBe('node');
  });
});

describe('deploy.yml', () => {
  test('only the deploy job may push packages, to ghcr.io with the job token', () => {
    expect(deploy.permissions).toEqual({ contents: 'read' });
    expect(deploy.jobs.check?.permissions).toBeUndefined();
    expect(deploy.jobs.deploy?.permissions).toEqual({ contents: 'read', packages: 'write' });
    expect(stepUsing('docker/login-action@').with).toEqual({
      registry: 'ghcr.io',
      username: '${{ github.actor }}',
      password: '${{ secrets.GITHUB_TOKEN }}',
    });
    // promote.yml calls deploy.yml; a called workflow gets no more than its caller job grants.
    const caller = workflow('promote.yml').jobs.deploy;
    expect(caller?.uses).toBe('./.github/workflows/deploy.yml');
    expect(caller?.permissions).toEqual({ contents: 'read', packages: 'write' });
  });

  test('the image is tagged with the version and the stage, and labelled with the model tag and sha256', () => {
    const meta = stepUsing('docker/metadata-action@').with ?? {};
    expect(meta.images).toBe('ghcr.io/${{ github.repository }}-${{ needs.check.outputs.name }}');
    expect(String(meta.tags).trim().split('\n')).toEqual([
      'type=raw,value=${{ needs.check.outputs.version }}',
      'type=raw,value=${{ needs.check.outputs.stage }}',
    ]);
    expect(String(meta.labels)).toContain(
      'io.mlops-actions.model.tag=${{ steps.fetch.outputs.tag }}',
    );
    expect(String(meta.labels)).toContain(
      'io.mlops-actions.model.sha256=${{ steps.fetch.outputs.sha256 }}',
    );
    const build = stepUsing('docker/build-push-action@').with ?? {};
    expect(build).toMatchObject({
      context: 'image',
      file: 'docker/Dockerfile',
      push: true,
      tags: '${{ steps.meta.outputs.tags }}',
      labels: '${{ steps.meta.outputs.labels }}',
    });
    // Users copy the Dockerfile to where the workflow builds it from.
    expect(readFileSync(DOCKERFILE, 'utf8')).toContain('Copy to docker/Dockerfile');
    // The exact version the stage tag assigned is fetched, then laid out, then built.
    const fetch = stepUsing('mlops-actions/mlops-actions/actions/fetch@');
    expect(fetch.with?.ref).toBe(
      '${{ needs.check.outputs.name }}@v${{ needs.check.outputs.version }}',
    );
    const order = ['actions/fetch@', 'Lay out', 'docker/build-push-action@'].map((what) =>
      deploySteps.findIndex((s) => (s.uses ?? s.name ?? '').includes(what)),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

let repo: ServingRepo;
beforeAll(async () => {
  repo = await servingRepo();
}, 60_000);

describe('the laid-out context, served as the image serves it', () => {
  let context = '';

  beforeAll(async () => {
    // The runner's checkout: serving.json with A/B routes by stage and a limit, and the bundle
    // fetched where the workflow's fetch step puts it.
    const checkout = tempDir('mlops-deploy-checkout-');
    writeFileSync(
      path.join(checkout, 'serving.json'),
      JSON.stringify({
        models: { churn: { routes: [{ ref: 'churn#production', weight: 1 }] } },
        server: { max_instances: 2 },
      }),
    );
    const bundle = path.join(checkout, 'model-bundle');
    const fetched = await mlops(repo.dir, ['fetch', 'churn@v0.1.0', '--to', bundle]);
    expect(fetched.code).toBe(0);
    const layout = deploySteps.find((s) => s.name === "Lay out the image's build context");
    execFileSync('bash', ['-e', '-c', layout?.run ?? 'false'], {
      cwd: checkout,
      env: {
        PATH: process.env.PATH,
        BUNDLE: bundle,
        NAME: 'churn',
        VERSION: '0.1.0',
        STAGE: 'production',
      },
      stdio: 'ignore',
    });
    context = path.join(checkout, stepUsing('docker/build-push-action@').with?.context as string);
  });

  test('every file the Dockerfile copies is in the context; serving.json keeps the limits, not the routes', () => {
    for (const copy of all('COPY')) {
      const sources = copy.args.split(/\s+/).slice(0, -1);
      for (const source of sources) expect(existsSync(path.join(context, source))).toBe(true);
    }
    expect(JSON.parse(readFileSync(path.join(context, 'serving.json'), 'utf8'))).toEqual({
      server: { max_instances: 2 },
    });
    expect(existsSync(path.join(context, 'serving/bundles/churn/v0.1.0/manifest.json'))).toBe(true);
    // The stage the tag assigned, beside the bundle: the image has no tags to read it from.
    expect(
      JSON.parse(readFileSync(path.join(context, 'serving/bundles/churn/stages.json'), 'utf8')),
    ).toEqual({ production: '0.1.0' });
  });

  test('its command serves the version without git or a repository; the healthcheck passes; SIGTERM stops it', async () => {
    // The image's WORKDIR holds what the COPY lines put there: here, the context itself.
    const image = tempDir('mlops-deploy-image-');
    cpSync(context, image, { recursive: true });
    mkdirSync(path.join(image, 'serving/logs'));
    // Every port 0 (a free one), so the run cannot collide with anything listening here.
    const cmd = execForm(only('CMD')).map((arg) => (/^\d+$/.test(arg) ? '0' : arg));
    const [command, ...args] = [...execForm(only('ENTRYPOINT')), ...cmd].map((arg) =>
      arg === IMAGE_DIR ? image : arg,
    );
    expect(command).toBe('mlops');
    // Only node on the PATH: no git, as in the image.
    const server = await startServeProcess(args, {
      cwd: image,
      env: { PATH: path.dirname(process.execPath), MLOPS_BACKEND: 'cpu', HOME: image },
    });
    try {
      const probe = execForm(only('HEALTHCHECK').replace(/^.*?CMD /, '')).map((arg) =>
        arg.replace('http://127.0.0.1:8501', server.url),
      );
      await until(async () => (await fetch(`${server.url}/readyz`)).status === 200, 'ready');
      // Exits 0 (execFileSync throws otherwise) once the server is ready.
      execFileSync(process.execPath, probe.slice(1), { stdio: 'pipe' });

      const predict = (instances: unknown[], route = '') =>
        fetch(`${server.url}/v1/models/churn${route}:predict`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ instances }),
        });
      const answer = await predict([instance()]);
      expect(answer.status).toBe(200);
      // The version answers as its stage, by default and under /labels/production.
      expect(await answer.json()).toMatchObject({
        model_name: 'churn',
        model_version: '0.1.0',
        route: 'churn#production',
      });
      const byStage = await predict([instance()], '/labels/production');
      expect(byStage.status).toBe(200);
      expect(await byStage.json()).toMatchObject({ model_version: '0.1.0' });
      expect((await predict([instance()], '/labels/staging')).status).toBe(404);
      // serving.json's limit applies: 3 instances are too many.
      expect((await predict([instance(), instance(), instance()])).status).toBe(400);
      const status = (await (await fetch(`${server.url}/v1/models/churn`)).json()) as {
        model_version_status: { version: string; labels: string[] }[];
      };
      expect(status.model_version_status).toEqual([
        expect.objectContaining({ version: '0.1.0', labels: ['production'] }),
      ]);
      expect(server.stderr()).toContain('gRPC API listening at');
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const logged = readFileSync(path.join(image, 'serving/logs/predictions.jsonl'), 'utf8');
    expect(JSON.parse(logged.split('\n')[0] ?? '')).toMatchObject({ version: '0.1.0' });
    expect(server.stderr()).not.toMatch(/"level":50/);
  });
});

describe('the bundle cache as the registry (mlops serve --offline)', () => {
  test('a model per encoded name folder, a version per vX.Y.Z folder, ascending; nothing else counts', async () => {
    const root = tempDir('mlops-cache-');
    for (const dir of [
      'churn/v1.10.0',
      'churn/v1.2.0',
      'churn/v1.2.0-rc.1',
      'churn/vnext',
      'team%2Fwages/v0.1.0',
      'Not-A-Name/v1.0.0',
      'empty/.v1.0.0.tmp',
      '%E0%A4%A/v1.0.0',
    ]) {
      mkdirSync(path.join(root, dir), { recursive: true });
    }
    writeFileSync(path.join(root, 'churn/v1.2.0.sha256'), 'stamp\n');
    writeFileSync(path.join(root, 'notes'), 'a file, not a model');

    const state = await cacheRegistry(nodeFileSystem, root);
    expect(state.models.map((m) => [m.name, m.versions.map((v) => v.tag), m.latest])).toEqual([
      ['churn', ['churn@v1.2.0-rc.1', 'churn@v1.2.0', 'churn@v1.10.0'], '1.10.0'],
      ['team/wages', ['team/wages@v0.1.0'], '0.1.0'],
    ]);
    // Without stages a model answers with its latest version; stage refs name nothing.
    const plan = planServing(state, DEFAULT_SERVING, { names: ['churn'], stages: ['production'] });
    expect(plan.models[0]?.routes).toEqual([{ ref: 'churn@latest', version: '1.10.0', weight: 1 }]);
    expect(await cacheRegistry(nodeFileSystem, path.join(root, 'absent'))).toEqual({ models: [] });
  });

  test('stages.json beside the versions assigns stages; one that cannot be served is refused, naming it', async () => {
    const root = tempDir('mlops-cache-');
    for (const dir of ['churn/v1.0.0', 'churn/v1.1.0']) {
      mkdirSync(path.join(root, dir), { recursive: true });
    }
    const stages = path.join(root, 'churn', 'stages.json');
    writeFileSync(stages, JSON.stringify({ staging: '1.1.0', production: 'v1.0.0' }));
    const state = await cacheRegistry(nodeFileSystem, root);
    expect(state.models[0]?.stages.map((s) => [s.stage, s.version])).toEqual([
      ['production', '1.0.0'],
      ['staging', '1.1.0'],
    ]);
    // As online: the last stage held answers by default; each stage under its label.
    const [plan] = planServing(state, DEFAULT_SERVING, {
      names: ['churn'],
      stages: ['staging', 'production'],
    }).models;
    expect(plan?.routes).toEqual([{ ref: 'churn#production', version: '1.0.0', weight: 1 }]);
    expect(plan?.stages).toEqual({ production: '1.0.0', staging: '1.1.0' });
    for (const [text, message] of [
      ['{"production": "2.0.0"}', 'production: no bundle of version "2.0.0" is cached here'],
      ['{"Prod!": "1.0.0"}', '"Prod!" is not a stage name'],
      ['["production"]', 'expected an object of stages and versions'],
      ['{"production": ', 'not valid JSON'],
    ] as const) {
      writeFileSync(stages, text);
      const refused = cacheRegistry(nodeFileSystem, root);
      await expect(refused).rejects.toThrow(DataError);
      await expect(refused).rejects.toThrow(`${stages}: ${message}`);
    }
  });

  test("a folder holding another model's bundle is refused, naming both", async () => {
    const root = tempDir('mlops-cache-');
    cpSync(repo.bundle, path.join(root, 'wages/v1.0.0'), { recursive: true });
    const source = cacheSource({ fs: nodeFileSystem }, root, () =>
      Promise.resolve(DEFAULT_SERVING),
    );
    const planned = { version: '1.0.0', tag: 'wages@v1.0.0', pin: null };
    await expect(source.load('wages', planned)).rejects.toThrow(DataError);
    await expect(source.load('wages', planned)).rejects.toThrow(
      'holds a bundle of "churn", not of "wages"',
    );
  });
});
