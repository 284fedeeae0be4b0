import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/domain/errors";
import { vetEndpointUrl, type ResolveHost } from "./endpoint-url";

const resolverFor =
  (table: Record<string, string[]>): ResolveHost =>
  async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    return addresses;
  };

const resolve = resolverFor({
  "node.example.org": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
  "internal.example.org": ["10.0.0.5"],
  "mixed.example.org": ["93.184.215.14", "127.0.0.1"],
  "mapped.example.org": ["::ffff:192.168.1.10"],
  "relay.example.org": ["2606:4700::1111", "192.88.99.7"],
  "empty.example.org": [],
});

async function refusal(url: string, allowPrivate = false): Promise<string> {
  const error = await vetEndpointUrl(url, { allowPrivate, resolve }).then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe("UNPROCESSABLE");
  return (error as DomainError).message;
}

describe("vetEndpointUrl", () => {
  it("accepts an https URL whose host resolves only to public addresses, normalised", async () => {
    await expect(
      vetEndpointUrl("HTTPS://Node.Example.org:8443/plenum", { allowPrivate: false, resolve }),
    ).resolves.toEqual({
      url: "https://node.example.org:8443/plenum",
      addresses: ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
    });
  });

  it("takes an IP literal as is, without asking DNS", async () => {
    const noDns: ResolveHost = () => Promise.reject(new Error("DNS must not be asked"));
    await expect(
      vetEndpointUrl("https://8.8.8.8/x", { allowPrivate: false, resolve: noDns }),
    ).resolves.toEqual({
      url: "https://8.8.8.8/x",
      addresses: ["8.8.8.8"],
    });
    await expect(
      vetEndpointUrl("https://[2606:4700::1111]/", { allowPrivate: false, resolve: noDns }),
    ).resolves.toMatchObject({ addresses: ["2606:4700::1111"] });
  });

  it.each([
    ["http://node.example.org/", "endpointUrl must use https"],
    ["ftp://node.example.org/", "endpointUrl must use https"],
    ["https://user:pw@node.example.org/", "endpointUrl must not contain a user name or password"],
    ["https://user@node.example.org/", "must not contain a user name or password"],
    ["https://node.example.org/#x", "must not contain a #fragment"],
    ["node.example.org", "is not an absolute URL"],
    [`https://node.example.org/${"a".repeat(2048)}`, "at most 2048 characters"],
    [
      "https://internal.example.org/",
      "endpointUrl resolves to 10.0.0.5, a private address; Plenum only pushes to public addresses",
    ],
    ["https://mixed.example.org/", "resolves to 127.0.0.1, a loopback address"],
    ["https://mapped.example.org/", "resolves to ::ffff:192.168.1.10, an IPv4-mapped private address"],
    ["https://relay.example.org/", "resolves to 192.88.99.7, a 6to4 relay anycast address"],
    ["https://127.0.0.1/", "resolves to 127.0.0.1, a loopback address"],
    ["https://2130706433/", "resolves to 127.0.0.1, a loopback address"],
    ["https://0x7f.1/", "resolves to 127.0.0.1, a loopback address"],
    ["https://[::1]/", "resolves to ::1, a loopback address"],
    ["https://[::ffff:127.0.0.1]/", "IPv4-mapped loopback"],
    ["https://169.254.169.254/latest/meta-data", "a link-local address"],
    ["https://[fd00::1]/", "a unique local address"],
    ["https://100.64.1.1/", "a carrier-grade NAT address"],
    ["https://0.0.0.0/", 'a "this network" address'],
    ["https://192.88.99.1/", "resolves to 192.88.99.1, a 6to4 relay anycast address"],
    ["https://[64:ff9b::10.0.0.1]/", "resolves to 64:ff9b::a00:1, a NAT64 private address"],
    ["https://[2002:c0a8:101::1]/", "resolves to 2002:c0a8:101::1, a 6to4 private address"],
    ["https://017700000001/", "resolves to 127.0.0.1, a loopback address"],
    ["https://127.1/", "resolves to 127.0.0.1, a loopback address"],
    ["https://unknown.example.org/", "host unknown.example.org does not resolve (ENOTFOUND)"],
    ["https://empty.example.org/", "resolves to no address"],
  ])("refuses %s: %s", async (url, message) => {
    expect(await refusal(url)).toContain(message);
  });

  it("with allowPrivate accepts http and private or loopback addresses, but never userinfo", async () => {
    await expect(
      vetEndpointUrl("http://127.0.0.1:4100/node-7", { allowPrivate: true, resolve }),
    ).resolves.toEqual({ url: "http://127.0.0.1:4100/node-7", addresses: ["127.0.0.1"] });
    await expect(
      vetEndpointUrl("https://internal.example.org/", { allowPrivate: true, resolve }),
    ).resolves.toMatchObject({ addresses: ["10.0.0.5"] });
    expect(await refusal("http://a:b@127.0.0.1/", true)).toContain("user name or password");
    expect(await refusal("ftp://127.0.0.1/", true)).toContain("must use https or http");
  });
});
