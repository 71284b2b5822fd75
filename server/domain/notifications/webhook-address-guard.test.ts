import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  ALLOW_PRIVATE_WEBHOOKS_ENV,
  channelUrlAddressProblem,
  guardedLookup,
  isPrivateAddress,
  literalHostProblem,
  PrivateAddressError,
  PRIVATE_RECEIVER_MESSAGE,
} from "./webhook-address-guard";

const previous = process.env[ALLOW_PRIVATE_WEBHOOKS_ENV];
afterEach(() => {
  if (previous === undefined) delete process.env[ALLOW_PRIVATE_WEBHOOKS_ENV];
  else process.env[ALLOW_PRIVATE_WEBHOOKS_ENV] = previous;
});

describe("isPrivateAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.255.254",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "0.0.0.0",
    "100.64.0.1",
    "::1",
    "::",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "fe80::1%eth0",
    "[::1]",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:a9fe:a9fe",
    "not-an-address",
  ])("refuses %s", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "172.15.255.255",
    "172.32.0.1",
    "192.169.0.1",
    "2606:4700::1111",
    "::ffff:8.8.8.8",
  ])("accepts %s", (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe("the save-time check", () => {
  it("refuses literal private hosts and localhost, unless private webhooks are allowed", async () => {
    delete process.env[ALLOW_PRIVATE_WEBHOOKS_ENV];
    expect(literalHostProblem("localhost")).toBe(PRIVATE_RECEIVER_MESSAGE);
    expect(literalHostProblem("api.localhost")).toBe(PRIVATE_RECEIVER_MESSAGE);
    expect(literalHostProblem("[fe80::1]")).toBe(PRIVATE_RECEIVER_MESSAGE);
    expect(literalHostProblem("93.184.216.34")).toBeNull();
    expect(literalHostProblem("hooks.slack.com")).toBeNull();
    expect(await channelUrlAddressProblem("http://169.254.169.254/latest")).toBe(PRIVATE_RECEIVER_MESSAGE);
    expect(await channelUrlAddressProblem("https://93.184.216.34/hook")).toBeNull();

    process.env[ALLOW_PRIVATE_WEBHOOKS_ENV] = "1";
    expect(literalHostProblem("localhost")).toBeNull();
    expect(await channelUrlAddressProblem("http://127.0.0.1:9/hook")).toBeNull();
  });
});

describe("guardedLookup (the delivery-time check, after DNS)", () => {
  const lookup = (host: string, all: boolean) =>
    new Promise<{ error: Error | null; address: unknown }>((resolve) => {
      guardedLookup(host, { all }, (error, address) => resolve({ error, address }));
    });

  it("refuses a name that resolves to a loopback address, in both lookup shapes", async () => {
    delete process.env[ALLOW_PRIVATE_WEBHOOKS_ENV];
    for (const all of [true, false]) {
      const { error } = await lookup("localhost", all);
      expect(error).toBeInstanceOf(PrivateAddressError);
    }
  });

  it("passes the checked addresses through when private webhooks are allowed", async () => {
    process.env[ALLOW_PRIVATE_WEBHOOKS_ENV] = "1";
    const many = await lookup("localhost", true);
    expect(many.error).toBeNull();
    expect(Array.isArray(many.address) && many.address.length > 0).toBe(true);
    const one = await lookup("localhost", false);
    expect(one.error).toBeNull();
    expect(typeof one.address).toBe("string");
  });

  it("is what a real http.request connects through: a private answer never opens a socket", async () => {
    delete process.env[ALLOW_PRIVATE_WEBHOOKS_ENV];
    const error = await new Promise<unknown>((resolve) => {
      const req = http.request({
        host: "localhost",
        port: 9,
        method: "POST",
        lookup: guardedLookup,
        agent: false,
      });
      req.on("error", resolve);
      req.on("socket", (socket) => socket.on("connect", () => resolve(new Error("connected"))));
      req.end();
    });
    expect(error).toBeInstanceOf(PrivateAddressError);
  });
});
