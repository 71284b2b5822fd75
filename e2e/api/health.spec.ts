import { expect, test } from "@playwright/test";

test("health reports the database without authentication or secrets", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status: "ok", database: { status: "up" } });
  expect(JSON.stringify(body)).not.toMatch(/postgres(ql)?:\/\//);
});

test("the console requires a session", async ({ request }) => {
  const res = await request.get("/agents", { maxRedirects: 0 });
  expect([302, 303, 307, 308]).toContain(res.status());
  expect(res.headers().location).toContain("/signin");
});

test("tRPC mutations from another origin are refused (CSRF)", async ({ request }) => {
  const res = await request.post("/api/trpc/agents.create", {
    headers: { origin: "https://evil.example", "content-type": "application/json" },
    data: { json: { name: "x" } },
  });
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
});
