/**
 * The standard gRPC health service (`grpc.health.v1.Health`: Check, Watch, List, from the gRPC
 * team's grpc-health-check) on the gRPC API's port, so grpc_health_probe, Kubernetes' gRPC probes
 * and client-side health checking see what `/readyz` says. The server as a whole (`""`), each of
 * the API's services and each served model are SERVING while the server takes requests with its
 * models loaded, and NOT_SERVING while it loads and from the moment it begins to stop; a model a
 * reload dropped stays NOT_SERVING. A stop tells each open Watch NOT_SERVING, then ends it: an
 * open stream would otherwise hold the gRPC server's shutdown for the whole grace period.
 */
import type {
  handleServerStreamingCall,
  Server,
  ServerWritableStream,
  ServiceDefinition,
} from '@grpc/grpc-js';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';

/** The health statuses of one gRPC server. */
export class ServingHealth {
  private readonly health = new HealthImplementation();
  /** The status each name was last given, so a watcher hears of changes only. */
  private readonly statuses = new Map<string, ServingStatus>();
  /** Every model ever served (a model name has no `.`, so none is taken for a service). */
  private readonly models = new Set<string>();
  private readonly watches = new Set<ServerWritableStream<unknown, unknown>>();
  /** Set by shutdown: the ended Watch streams must not be written to again. */
  private stopped = false;

  /** `services`: the full names of the API's services, reported like the server as a whole. */
  constructor(private readonly services: readonly string[]) {}

  /** Adds the health service to `server`, keeping each Watch stream so a stop can end it. */
  addTo(server: Server): void {
    this.health.addToServer({
      addService: (service, implementation) => {
        const watch = implementation.watch as handleServerStreamingCall<unknown, unknown>;
        server.addService(service as unknown as ServiceDefinition, {
          ...implementation,
          watch: (call: ServerWritableStream<unknown, unknown>) => {
            this.watches.add(call);
            call.on('cancelled', () => this.watches.delete(call));
            watch(call);
          },
        });
      },
    });
  }

  /** SERVING for the server, its services and the `served` models; NOT_SERVING for all on null. */
  update(served: readonly string[] | null): void {
    if (this.stopped) return;
    const overall: ServingStatus = served === null ? 'NOT_SERVING' : 'SERVING';
    for (const name of ['', ...this.services]) this.set(name, overall);
    const now = new Set(served);
    for (const name of now) this.models.add(name);
    for (const name of this.models) this.set(name, now.has(name) ? 'SERVING' : 'NOT_SERVING');
  }

  /** Everything NOT_SERVING, told to every watcher, whose stream then ends. */
  shutdown(): void {
    this.update(null);
    this.stopped = true;
    for (const call of this.watches) call.end();
    this.watches.clear();
  }

  private set(name: string, status: ServingStatus): void {
    if (this.statuses.get(name) === status) return;
    this.statuses.set(name, status);
    this.health.setStatus(name, status);
  }
}
