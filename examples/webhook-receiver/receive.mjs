#!/usr/bin/env node
// A small receiver for trying Parley's webhooks. It verifies each delivery's signature with the Standard Webhooks
// library (the same check a maker's server should make), answers 200 when it holds and 401 when it does not, and
// prints one line per event: its type, its conversation and, for a message, the text.
//
//   WEBHOOK_SECRET=whsec_… node receive.mjs [--port 8787] [--events FILE]
//
// --events FILE appends every verified event to FILE as one JSON line (the delivery's events, in arrival order).
import { appendFileSync } from "node:fs";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { Webhook, WebhookVerificationError } from "standardwebhooks";

const { values: options } = parseArgs({
  options: {
    port: { type: "string", default: "8787" },
    events: { type: "string" },
  },
});
const secret = process.env.WEBHOOK_SECRET;
if (!secret || !secret.startsWith("whsec_")) {
  console.error("receive.mjs: set WEBHOOK_SECRET to the webhook's secret (whsec_…)");
  process.exit(2);
}
const webhook = new Webhook(secret);

function describe(event) {
  const payload = event.payload ?? {};
  const parts = [event.type];
  if (payload.conversation?.id) {
    parts.push(`conversation ${payload.conversation.id}`);
  }
  if (payload.message?.content?.type === "text") {
    parts.push(JSON.stringify(payload.message.content.text));
  }
  return parts.join(" ");
}

const server = createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    let delivery;
    try {
      delivery = webhook.verify(body, request.headers);
    } catch (error) {
      const reason = error instanceof WebhookVerificationError ? error.message : "not a webhook delivery";
      console.log(`refused ${request.headers["webhook-id"] ?? "(no webhook-id)"}: ${reason}`);
      response.writeHead(401).end();
      return;
    }
    for (const event of delivery.events ?? []) {
      console.log(`verified ${describe(event)}`);
      if (options.events) {
        appendFileSync(options.events, JSON.stringify(event) + "\n");
      }
    }
    response.writeHead(200).end();
  });
});

server.listen(Number(options.port), "127.0.0.1", () => {
  console.log(`receive.mjs: listening on http://127.0.0.1:${server.address().port}/`);
});
// Stopping it is its receiver going down: open connections end with it.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => process.exit(0));
}
