/**
 * The GitHub Actions cache service (v2) on 127.0.0.1, for the calls @actions/cache makes: the
 * twirp JSON methods CreateCacheEntry, FinalizeCacheEntryUpload and GetCacheEntryDownloadURL
 * (bearer token required), and a blob store standing in for Azure behind the signed URLs (the
 * Azure SDK's single-shot PUT, a plain GET). An entry restores on an exact key and version only
 * once finalized, as the service does; restore keys (prefixes) are not modelled.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const TWIRP = '/twirp/github.actions.results.api.v1.CacheService/';
const BLOBS = '/devstoreaccount1/actions-cache/';

export interface FakeCacheService {
  /** Base URL with a trailing slash, as ACTIONS_RESULTS_URL has it. */
  url: string;
  /** The bearer token it accepts. */
  token: string;
  /** Every request as `METHOD path` (twirp method names for twirp calls). */
  requests: string[];
  /** Keys of the finalized entries. */
  keys(): string[];
  close(): Promise<void>;
}

interface Entry {
  key: string;
  version: string;
  blob: Buffer | null;
  finalized: boolean;
}

/** Starts the service; close it when done. */
export async function startCacheService(token = 'runtime-token'): Promise<FakeCacheService> {
  const entries: Entry[] = [];
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      requests.push(
        `${req.method} ${pathname.startsWith(TWIRP) ? pathname.slice(TWIRP.length) : pathname}`,
      );
      if (pathname.startsWith(TWIRP)) {
        if (req.headers.authorization !== `Bearer ${token}`) {
          return json(res, 401, { code: 'unauthenticated', msg: 'bad token' });
        }
        return twirp(pathname.slice(TWIRP.length), JSON.parse(body.toString('utf8')), res);
      }
      if (pathname.startsWith(BLOBS))
        return blob(req.method, pathname.slice(BLOBS.length), body, res);
      json(res, 404, { msg: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  function twirp(method: string, request: Record<string, unknown>, res: http.ServerResponse) {
    const find = (finalized: boolean) =>
      entries.findIndex(
        (e) => e.key === request.key && e.version === request.version && e.finalized === finalized,
      );
    if (method === 'CreateCacheEntry') {
      if (find(true) >= 0) return json(res, 200, { ok: false, message: 'entry already exists' });
      entries.push({
        key: String(request.key),
        version: String(request.version),
        blob: null,
        finalized: false,
      });
      const id = entries.length - 1;
      return json(res, 200, { ok: true, signed_upload_url: `${url}${BLOBS.slice(1)}${id}?sig=w` });
    }
    if (method === 'FinalizeCacheEntryUpload') {
      const index = find(false);
      const entry = entries[index];
      if (!entry?.blob || entry.blob.byteLength !== Number(request.size_bytes)) {
        return json(res, 200, { ok: false, message: 'nothing uploaded for this entry' });
      }
      entry.finalized = true;
      return json(res, 200, { ok: true, entry_id: String(index + 1) });
    }
    if (method === 'GetCacheEntryDownloadURL') {
      const index = find(true);
      if (index < 0) return json(res, 200, { ok: false });
      return json(res, 200, {
        ok: true,
        signed_download_url: `${url}${BLOBS.slice(1)}${index}?sig=r`,
        matched_key: entries[index]?.key,
      });
    }
    json(res, 404, { code: 'bad_route', msg: `no method ${method}` });
  }

  function blob(method: string | undefined, id: string, body: Buffer, res: http.ServerResponse) {
    const entry = entries[Number(id)];
    if (!entry) return json(res, 404, { msg: 'no such blob' });
    if (method === 'PUT' && !entry.finalized) {
      entry.blob = body;
      res.writeHead(201, { etag: '"0x1"', 'last-modified': new Date().toUTCString() });
      return res.end();
    }
    if (method === 'GET' && entry.finalized && entry.blob) {
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': entry.blob.byteLength,
      });
      return res.end(entry.blob);
    }
    json(res, 409, { msg: `cannot ${method} this blob now` });
  }

  return {
    url,
    token,
    requests,
    keys: () => entries.filter((e) => e.finalized).map((e) => e.key),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
