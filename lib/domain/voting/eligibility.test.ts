import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  describeMissingHours,
  eligibilityWindow,
  eligibleRecords,
  hoursIn,
  MAX_DESCRIBED_GAPS,
  nodeEligibility,
  presenceInWindow,
  type HourRange,
  type NodeServiceRecord,
} from "@/lib/domain/voting/eligibility";
import { propertyRuns } from "@/lib/domain/voting/testing/voting-arbitraries";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const opensAt = new Date("2026-03-10T12:00:00.000Z");
const rules = { minNodeAgeDays: 3, minUptimeForVoting: 0.5 };
const window = eligibilityWindow(opensAt, rules);
const ageCutoff = new Date(opensAt.getTime() - 3 * DAY_MS);

/** `count` consecutive hours from `from`. */
const hours = (from: string | Date, count: number) =>
  Array.from({ length: count }, (_, hour) => new Date(new Date(from).getTime() + hour * HOUR_MS));
const range = (from: string, to: string): HourRange => ({ from: new Date(from), to: new Date(to) });

const record = (overrides: Partial<NodeServiceRecord> = {}): NodeServiceRecord => ({
  nodeId: "n1",
  operatorId: "o1",
  status: "Active",
  verifiedAt: new Date("2026-01-01T00:00:00.000Z"),
  firstReportedAt: new Date("2026-02-01T00:00:00.000Z"),
  presentHours: 72,
  clusterPrefix: "203.0.113.0/24",
  ...overrides,
});

describe("eligibilityWindow", () => {
  it.each([
    [
      "a round opening on the hour",
      "2026-03-10T12:00:00.000Z",
      3,
      "2026-03-07T12:00:00.000Z",
      "2026-03-10T12:00:00.000Z",
    ],
    [
      "a round opening mid-hour",
      "2026-03-10T12:59:59.999Z",
      3,
      "2026-03-07T12:00:00.000Z",
      "2026-03-10T12:00:00.000Z",
    ],
    ["no minimum age", "2026-03-10T12:30:00.000Z", 0, "2026-03-10T12:00:00.000Z", "2026-03-10T12:00:00.000Z"],
    [
      "the longest minimum age",
      "2026-03-10T12:00:00.000Z",
      365,
      "2025-03-10T12:00:00.000Z",
      "2026-03-10T12:00:00.000Z",
    ],
  ])(
    "for %s covers the minNodeAgeDays × 24 whole hours before it",
    (_name, opens, minNodeAgeDays, from, to) => {
      const result = eligibilityWindow(new Date(opens), { minNodeAgeDays });
      expect(result).toEqual(range(from, to));
      expect(hoursIn(result)).toBe(minNodeAgeDays * 24);
    },
  );
});

describe("presenceInWindow", () => {
  it.each([
    ["every hour", hours(window.from, 72), 72, []],
    ["no hour", [], 0, [window]],
    [
      "all but a gap",
      [...hours(window.from, 10), ...hours("2026-03-07T23:00:00.000Z", 61)],
      71,
      [range("2026-03-07T22:00:00.000Z", "2026-03-07T23:00:00.000Z")],
    ],
    [
      "the first and the last hour",
      [window.from, new Date(window.to.getTime() - HOUR_MS)],
      2,
      [range("2026-03-07T13:00:00.000Z", "2026-03-10T11:00:00.000Z")],
    ],
    [
      "hours around the window only, and repeats",
      [...hours("2026-03-07T10:00:00.000Z", 2), ...hours(window.to, 3), window.from, window.from],
      1,
      [range("2026-03-07T13:00:00.000Z", "2026-03-10T12:00:00.000Z")],
    ],
    [
      "times inside an hour, out of order",
      [new Date("2026-03-08T05:59:59.999Z"), new Date("2026-03-07T12:30:00.000Z")],
      2,
      [
        range("2026-03-07T13:00:00.000Z", "2026-03-08T05:00:00.000Z"),
        range("2026-03-08T06:00:00.000Z", "2026-03-10T12:00:00.000Z"),
      ],
    ],
  ])("counts a node present in %s", (_name, present, presentHours, missingHours) => {
    expect(presenceInWindow(present, window)).toEqual({ presentHours, missingHours });
  });
});

describe("describeMissingHours", () => {
  // The 72 hours before 5 Dec 2026, 10:20.
  const december = eligibilityWindow(new Date("2026-12-05T10:20:00.000Z"), rules);
  const gaps = (count: number) =>
    Array.from({ length: count }, (_, index) => ({
      from: new Date(december.from.getTime() + index * 3 * HOUR_MS),
      to: new Date(december.from.getTime() + (index * 3 + 1) * HOUR_MS),
    }));

  it.each([
    ["no hour missing", december, [], "missing none of the 72 hours"],
    [
      "two gaps in a day each",
      december,
      [
        range("2026-12-03T02:00:00.000Z", "2026-12-03T09:00:00.000Z"),
        range("2026-12-04T13:00:00.000Z", "2026-12-04T18:00:00.000Z"),
      ],
      "missing 12 of 72 hours: 3 Dec 02:00–09:00 UTC and 4 Dec 13:00–18:00 UTC",
    ],
    [
      "a single hour",
      december,
      [range("2026-12-03T02:00:00.000Z", "2026-12-03T03:00:00.000Z")],
      "missing 1 of 72 hours: 3 Dec 02:00–03:00 UTC",
    ],
    [
      "a gap up to midnight",
      december,
      [range("2026-12-03T22:00:00.000Z", "2026-12-04T00:00:00.000Z")],
      "missing 2 of 72 hours: 3 Dec 22:00–24:00 UTC",
    ],
    [
      "a gap across midnight",
      december,
      [range("2026-12-03T22:00:00.000Z", "2026-12-04T03:00:00.000Z")],
      "missing 5 of 72 hours: 3 Dec 22:00 – 4 Dec 03:00 UTC",
    ],
    ["the whole window", december, [december], "missing 72 of 72 hours: 2 Dec 10:00 – 5 Dec 10:00 UTC"],
    [
      "as many gaps as are named",
      december,
      gaps(MAX_DESCRIBED_GAPS),
      "missing 5 of 72 hours: 2 Dec 10:00–11:00 UTC, 2 Dec 13:00–14:00 UTC, 2 Dec 16:00–17:00 UTC, 2 Dec 19:00–20:00 UTC and 2 Dec 22:00–23:00 UTC",
    ],
    [
      "one gap more than are named",
      december,
      gaps(MAX_DESCRIBED_GAPS + 1),
      "missing 6 of 72 hours: 2 Dec 10:00–11:00 UTC, 2 Dec 13:00–14:00 UTC, 2 Dec 16:00–17:00 UTC, 2 Dec 19:00–20:00 UTC, 2 Dec 22:00–23:00 UTC and 1 more gap",
    ],
    [
      "many gaps",
      december,
      gaps(20),
      "missing 20 of 72 hours: 2 Dec 10:00–11:00 UTC, 2 Dec 13:00–14:00 UTC, 2 Dec 16:00–17:00 UTC, 2 Dec 19:00–20:00 UTC, 2 Dec 22:00–23:00 UTC and 15 more gaps",
    ],
    [
      "a window across the new year (with years)",
      range("2026-12-30T00:00:00.000Z", "2027-01-02T00:00:00.000Z"),
      [range("2026-12-31T23:00:00.000Z", "2027-01-01T02:00:00.000Z")],
      "missing 3 of 72 hours: 31 Dec 2026 23:00 – 1 Jan 2027 02:00 UTC",
    ],
    [
      "a window ending at midnight on new year's day (no year crossed)",
      range("2026-12-31T23:00:00.000Z", "2027-01-01T00:00:00.000Z"),
      [range("2026-12-31T23:00:00.000Z", "2027-01-01T00:00:00.000Z")],
      "missing 1 of 1 hour: 31 Dec 23:00–24:00 UTC",
    ],
  ])("names %s", (_name, inWindow, missing, text) => {
    expect(describeMissingHours(missing, inWindow)).toBe(text);
  });
});

describe("nodeEligibility", () => {
  it.each([
    ["an active, verified node present in every hour", {}],
    ["a node that first reported exactly minNodeAgeDays before opening", { firstReportedAt: ageCutoff }],
    ["a node that proved its key as the round opened", { verifiedAt: opensAt }],
    ["a node present in exactly the minimum share of hours", { presentHours: 36 }],
  ])("counts %s", (_name, overrides) => {
    expect(nodeEligibility(record(overrides), rules, opensAt)).toEqual({ isEligible: true });
  });

  const presenceReason = (present: number, share: string) =>
    `The node was present in ${present} of the 72 hours before the round opened (${share} %); voting needs 50.0 %. ` +
    "An hour counts when the platform accepted at least one signed report or ballot from the node in it.";
  const oneReportADay = [0, 1, 2].map((day) => new Date(window.from.getTime() + day * DAY_MS + 30 * 60_000));

  it.each([
    ["a node that is not active", { status: "Gone" }, "The node is not active."],
    ["a node that never proved its key", { verifiedAt: null }, "The node has not proved its key."],
    [
      "a node that proved its key after the round opened",
      { verifiedAt: new Date(opensAt.getTime() + 1) },
      "The node has not proved its key.",
    ],
    [
      "a node that never reported",
      { firstReportedAt: null },
      "The node must have reported telemetry for 3 days before the round opened.",
    ],
    [
      "a node that first reported a millisecond too late",
      { firstReportedAt: new Date(ageCutoff.getTime() + 1) },
      "The node must have reported telemetry for 3 days before the round opened.",
    ],
    ["a node present in an hour less than the minimum", { presentHours: 35 }, presenceReason(35, "48.6")],
    ["a node never present", { presentHours: 0 }, presenceReason(0, "0.0")],
    [
      "a node that reported once a day, naming the hours it missed",
      presenceInWindow(oneReportADay, window),
      `${presenceReason(3, "4.1")} It was missing 69 of 72 hours: 7 Mar 13:00 – 8 Mar 12:00 UTC, 8 Mar 13:00 – 9 Mar 12:00 UTC and 9 Mar 13:00 – 10 Mar 12:00 UTC.`,
    ],
  ])("refuses %s, saying why", (_name, overrides, reason) => {
    expect(nodeEligibility(record(overrides), rules, opensAt)).toEqual({ isEligible: false, reason });
  });

  it("needs no presence but still a first report before opening when the minimum age is 0 days", () => {
    const anyAge = { minNodeAgeDays: 0, minUptimeForVoting: 1 };
    const opensMidHour = new Date(opensAt.getTime() + 30 * 60_000);
    expect(
      nodeEligibility(record({ firstReportedAt: opensMidHour, presentHours: 0 }), anyAge, opensMidHour),
    ).toEqual({ isEligible: true });
    const afterOpening = record({ firstReportedAt: new Date(opensMidHour.getTime() + 1) });
    expect(nodeEligibility(afterOpening, anyAge, opensMidHour).isEligible).toBe(false);
  });
});

/** A round opening at some time in 2026 under some rules, and hours (offsets from the window's start) a node was present in. */
const scenario = fc.record({
  opensAt: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms)),
  minNodeAgeDays: fc.integer({ min: 0, max: 8 }),
  minUptimeForVoting: fc.double({ min: 0, max: 1, noNaN: true }),
  present: fc.uniqueArray(fc.integer({ min: -48, max: 8 * 24 + 48 }), { maxLength: 300 }),
  extra: fc.uniqueArray(fc.integer({ min: -48, max: 8 * 24 + 48 }), { maxLength: 100 }),
});

function presenceOf(
  { opensAt: opens, minNodeAgeDays }: { opensAt: Date; minNodeAgeDays: number },
  offsets: number[],
) {
  const inWindow = eligibilityWindow(opens, { minNodeAgeDays });
  const present = offsets.map((offset) => new Date(inWindow.from.getTime() + offset * HOUR_MS));
  return { inWindow, present, presence: presenceInWindow(present, inWindow) };
}

/** Whether a node of long standing with this presence is eligible in the drawn round. */
const eligibleWith = (
  {
    opensAt: opens,
    minNodeAgeDays,
    minUptimeForVoting,
  }: { opensAt: Date; minNodeAgeDays: number; minUptimeForVoting: number },
  presence: Partial<NodeServiceRecord>,
) =>
  nodeEligibility(
    record({ firstReportedAt: new Date(opens.getTime() - (minNodeAgeDays + 1) * DAY_MS), ...presence }),
    { minNodeAgeDays, minUptimeForVoting },
    opens,
  ).isEligible;

describe("presence properties", () => {
  it("never counts a present hour outside the window", () => {
    fc.assert(
      fc.property(scenario, (drawn) => {
        const { inWindow, presence } = presenceOf(drawn, drawn.present);
        const windowHours = hoursIn(inWindow);
        const inside = drawn.present.filter((offset) => offset >= 0 && offset < windowHours);
        expect(presence).toEqual(presenceOf(drawn, inside).presence);
        expect(presence.presentHours).toBe(inside.length);
        expect(eligibleWith(drawn, presence)).toBe(eligibleWith(drawn, presenceOf(drawn, inside).presence));
      }),
      propertyRuns("present hours outside the window never count"),
    );
  });

  it("never makes a node less eligible for being present in more hours", () => {
    fc.assert(
      fc.property(scenario, (drawn) => {
        const fewer = presenceOf(drawn, drawn.present).presence;
        const more = presenceOf(drawn, [...drawn.present, ...drawn.extra]).presence;
        expect(more.presentHours).toBeGreaterThanOrEqual(fewer.presentHours);
        if (eligibleWith(drawn, fewer)) expect(eligibleWith(drawn, more)).toBe(true);
      }),
      propertyRuns("more present hours never make a node less eligible"),
    );
  });

  it("describes exactly the window's hours the node was not present in", () => {
    fc.assert(
      fc.property(scenario, (drawn) => {
        const { inWindow, present, presence } = presenceOf(drawn, drawn.present);
        const windowHours = hoursIn(inWindow);
        const text = describeMissingHours(presence.missingHours, inWindow);
        const counted = /^missing (\d+|none) of (?:the )?(\d+) hours?/.exec(text);
        expect(counted).not.toBeNull();
        expect(counted![1] === "none" ? 0 : Number(counted![1])).toBe(windowHours - presence.presentHours);
        expect(Number(counted![2])).toBe(windowHours);
        // The gaps are maximal runs, oldest first, covering exactly the hours without presence.
        const presentSet = new Set(present.map((hour) => hour.getTime()));
        const missing = presence.missingHours.flatMap((gap) =>
          hours(gap.from, hoursIn(gap)).map((hour) => hour.getTime()),
        );
        expect(missing).toEqual(
          hours(inWindow.from, windowHours)
            .map((hour) => hour.getTime())
            .filter((hour) => !presentSet.has(hour)),
        );
        for (const [index, gap] of presence.missingHours.entries()) {
          expect(hoursIn(gap)).toBeGreaterThan(0);
          const next = presence.missingHours[index + 1];
          if (next) expect(next.from.getTime()).toBeGreaterThan(gap.to.getTime());
        }
        const named = text.split(" UTC").length - 1;
        expect(named).toBe(Math.min(presence.missingHours.length, MAX_DESCRIBED_GAPS));
      }),
      propertyRuns("the missing hours described are window − present"),
    );
  });

  it("gives the same verdict from the count alone as with the missing hours named", () => {
    fc.assert(
      fc.property(scenario, (drawn) => {
        const { presence } = presenceOf(drawn, drawn.present);
        expect(eligibleWith(drawn, { presentHours: presence.presentHours })).toBe(
          eligibleWith(drawn, presence),
        );
      }),
      propertyRuns("the snapshot's count and the explanation agree"),
    );
  });
});

describe("eligibleRecords", () => {
  it("keeps the eligible nodes in the order given and leaves out the rest", () => {
    const records = [
      record({ nodeId: "n3", operatorId: "zed" }),
      record({ nodeId: "n2", operatorId: "amy" }),
      record({ nodeId: "n9", operatorId: "bob", verifiedAt: null }),
      record({ nodeId: "n1", operatorId: "amy" }),
      record({ nodeId: "n4", operatorId: "amy", status: "Gone" }),
      record({ nodeId: "n5", operatorId: "amy", presentHours: 3 }),
    ];
    expect(eligibleRecords(records, { rules, opensAt }).map((node) => node.nodeId)).toEqual([
      "n3",
      "n2",
      "n1",
    ]);
  });

  it("is empty when no node is eligible", () => {
    expect(eligibleRecords([record({ status: "Gone" })], { rules, opensAt })).toEqual([]);
  });

  it("holds exactly the nodes nodeEligibility admits (property)", () => {
    const records = fc.array(
      fc.record({
        nodeId: fc.string({ minLength: 1, maxLength: 4 }),
        operatorId: fc.constantFrom("o1", "o2", "o3", "o4"),
        status: fc.constantFrom("Active", "Active", "Gone"),
        verifiedAt: fc.option(fc.constant(new Date("2026-01-01T00:00:00.000Z"))),
        firstReportedAt: fc.option(
          fc.integer({ min: -5, max: 1 }).map((days) => new Date(opensAt.getTime() + days * DAY_MS)),
        ),
        presentHours: fc.integer({ min: 0, max: 72 }),
        clusterPrefix: fc.option(fc.constantFrom("203.0.113.0/24", "198.51.100.0/24")),
      }),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(records, (nodes) => {
        const eligible = eligibleRecords(nodes, { rules, opensAt });
        expect(eligible).toEqual(nodes.filter((node) => nodeEligibility(node, rules, opensAt).isEligible));
      }),
      propertyRuns("eligibleRecords holds exactly the eligible nodes"),
    );
  });
});
