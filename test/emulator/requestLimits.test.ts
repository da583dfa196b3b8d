/**
 * The Graph front's limits on request bodies (decisions/0090): nesting deeper than 1024 levels
 * answers 400 with Graph's error envelope, bodies over 4 MiB answer 413, and a streamed body is
 * not read past the limit. A probe route echoes accepted bodies.
 */
import { connect } from "node:tls";
import { route, type GraphRoute } from "../../src/emulator/http/route";
import { MAX_JSON_DEPTH } from "../../src/emulator/http/jsonDepth";
import { MAX_GRAPH_BODY_BYTES } from "../../src/emulator/http/wire";
import { withEmulator } from "../harness/emulator";

const probe: GraphRoute[] = [
  route("POST", "/emulatorProbe/echo", ["Policy.Read.All"], (ctx) => ({
    status: 201,
    body: { got: ctx.body },
  })),
];
const emulator = withEmulator({ extraRoutes: probe });

async function post(body: string, headers: Record<string, string> = {}) {
  const token = await emulator.token("source");
  return emulator.request("POST", "/v1.0/emulatorProbe/echo", {
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body,
  });
}

function nested(depth: number): string {
  return `${'{"a":['.repeat(depth / 2)}1${"]}".repeat(depth / 2)}`;
}

describe("request body limits", () => {
  it("accepts nesting up to the limit and answers 400 in Graph's envelope beyond it", async () => {
    const atLimit = await post(nested(MAX_JSON_DEPTH));
    expect(atLimit.status).toBe(201);
    expect((await post(nested(MAX_JSON_DEPTH + 2))).status).toBe(400);

    const deep = await post("[".repeat(200_000) + "]".repeat(200_000));
    expect(deep.status).toBe(400);
    expect(deep.body.error.code).toBe("BadRequest");
    expect(deep.body.error.message).toContain(`${MAX_JSON_DEPTH} levels`);
    expect(deep.body.error.innerError["request-id"]).toBe(deep.headers["request-id"]);

    // Brackets inside strings are text, not nesting.
    const inString = await post(JSON.stringify({ text: "[{".repeat(1000) }));
    expect(inString.status).toBe(201);
    expect(inString.body.got.text).toHaveLength(2000);
  });

  it("accepts a body just under 4 MiB and answers 413 just over it", async () => {
    const filler = (bytes: number) => JSON.stringify({ text: "x".repeat(bytes - 11) });
    const under = await post(filler(MAX_GRAPH_BODY_BYTES));
    expect(under.status).toBe(201);
    expect(under.body.got.text).toHaveLength(MAX_GRAPH_BODY_BYTES - 11);

    const over = await post(filler(MAX_GRAPH_BODY_BYTES + 1));
    expect(over.status).toBe(413);
    expect(over.body.error.code).toBe("Request_EntityTooLarge");
    expect(over.headers.connection).toBe("close");
  });

  it("stops reading a streamed body at the limit", async () => {
    const token = await emulator.token("source");
    const { graphUrl, caCertPem } = emulator.settings;
    const port = Number(new URL(graphUrl).port);
    // A client that would send 64 MiB in chunks without announcing a length; it stops writing
    // when the answer arrives. Socket buffers hold a few MiB, so an emulator that read the whole
    // body (or up to a larger limit) shows as far more written than the limit plus buffers.
    const chunk = Buffer.alloc(64 * 1024, "x");
    const totalChunks = 1024;
    const outcome = await new Promise<{ head: string; written: number }>((resolve, reject) => {
      let written = 0;
      let answer = "";
      let answered = false;
      const socket = connect({ host: "127.0.0.1", port, ca: caCertPem }, async () => {
        socket.write(
          `POST /v1.0/emulatorProbe/echo HTTP/1.1\r\nhost: 127.0.0.1\r\n` +
            `authorization: Bearer ${token}\r\ncontent-type: application/json\r\n` +
            `transfer-encoding: chunked\r\n\r\n`,
        );
        for (let i = 0; i < totalChunks && !answered; i++) {
          const frame = Buffer.concat([
            Buffer.from(`${chunk.length.toString(16)}\r\n`),
            chunk,
            Buffer.from("\r\n"),
          ]);
          written += chunk.length;
          if (!socket.write(frame))
            await new Promise<void>((drained) => {
              const done = () => {
                socket.off("drain", done);
                socket.off("close", done);
                drained();
              };
              socket.on("drain", done);
              socket.on("close", done);
            });
        }
      });
      socket.on("data", (data: Buffer) => {
        answered = true;
        answer += data.toString("utf8");
      });
      socket.on("close", () => resolve({ head: answer, written }));
      socket.on("error", (error: NodeJS.ErrnoException) => {
        // The emulator closes after answering; a write racing the close may see a reset.
        if (answer) resolve({ head: answer, written });
        else reject(error);
      });
    });
    expect(outcome.head).toMatch(/^HTTP\/1\.1 413 /);
    expect(outcome.head).toContain("Request_EntityTooLarge");
    expect(outcome.written).toBeGreaterThan(MAX_GRAPH_BODY_BYTES);
    expect(outcome.written).toBeLessThan(MAX_GRAPH_BODY_BYTES + 16 * 1024 * 1024);
  });
});
