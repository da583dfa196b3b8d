/**
 * One HTTPS server on 127.0.0.1 for everything: Graph (/v1.0, /beta), the token authority
 * (/{tenant}/...) and the admin API (/_emulator/...). Loopback only, keep-alive on.
 */
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Router from "find-my-way";
import type { GraphFront } from "./graphFront";
import { graphPath } from "./graphFront";
import type { HttpRoute } from "./httpRoute";
import { send, splitUrl } from "./wire";

export const EMULATOR_HOST = "127.0.0.1";

export interface EmulatorHandlers {
  graph: GraphFront;
  routes: readonly HttpRoute[];
}

export interface ListeningServer {
  server: Server;
  port: number;
  /** `https://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

/**
 * The TLS server, not yet answering: the handlers need the origin (with the port), which exists
 * only once the server listens, so they are attached afterwards with `attachHandlers`.
 */
export function createEmulatorServer(tls: { key: string; cert: string }): Server {
  const server = createServer({ key: tls.key, cert: tls.cert, keepAlive: true });
  // Clients (undici, MSAL) keep connections for a while; outlive their idle timeouts a little.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

export function attachHandlers(server: Server, options: EmulatorHandlers): void {
  const router = Router({ ignoreTrailingSlash: true });
  for (const route of options.routes) router.on(route.method, route.path, () => undefined, route);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { path, query } = splitUrl(req.url);
    const graph = graphPath(path);
    if (graph) return options.graph.handle(req, res, { ...graph, path, query });
    const method = (req.method ?? "GET") as Router.HTTPMethod;
    const found = router.find(method, path);
    if (!found) {
      return send(res, 404, {
        error: "not_found",
        error_description: `Failed to route ${req.method} ${path}: the emulator serves /v1.0, /beta, /{tenant}/oauth2/v2.0/token, /{tenant}/v2.0/.well-known/openid-configuration and /_emulator/.`,
      });
    }
    const route = found.store as HttpRoute;
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(found.params))
      if (value !== undefined) params[name] = value;
    await route.handle({ req, res, method, path, params, query: new URLSearchParams(query) });
  };

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      send(res, 500, {
        error: {
          code: "InternalServerError",
          message: `Failed to handle ${req.method} ${splitUrl(req.url).path}: ${(error as Error).message}. This is an emulator bug; please report it.`,
        },
      });
    });
  });
}

export async function listen(server: Server, port: number): Promise<ListeningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, EMULATOR_HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    server,
    port: actual,
    origin: `https://${EMULATOR_HOST}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would hold close() open until their timeout.
        server.closeAllConnections();
      }),
  };
}
