-- CreateTable
CREATE TABLE "NodeHourlyPresence" (
    "nodeId" TEXT NOT NULL,
    "hourStart" DATETIME NOT NULL,
    "requests" INTEGER NOT NULL,

    PRIMARY KEY ("nodeId", "hourStart"),
    CONSTRAINT "NodeHourlyPresence_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NodePeerDayTraffic" (
    "nodeId" TEXT NOT NULL,
    "day" DATETIME NOT NULL,
    "peerNodeId" TEXT NOT NULL,
    "bytesUp" BIGINT NOT NULL,
    "bytesDown" BIGINT NOT NULL,

    PRIMARY KEY ("nodeId", "day", "peerNodeId"),
    CONSTRAINT "NodePeerDayTraffic_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Epoch" (
    "day" DATETIME NOT NULL PRIMARY KEY,
    "configVersion" INTEGER NOT NULL,
    "computedAt" DATETIME NOT NULL,
    "nodes" INTEGER NOT NULL,
    "paidNodes" INTEGER NOT NULL,
    "freeRiders" INTEGER NOT NULL,
    "freeRidersInGrace" INTEGER NOT NULL,
    "emissionCapMicro" BIGINT NOT NULL,
    "unscaledMicro" BIGINT NOT NULL,
    "paidMicro" BIGINT NOT NULL,
    "scale" REAL NOT NULL,
    "bytesUp" BIGINT NOT NULL,
    "corroboratedBytesUp" BIGINT NOT NULL DEFAULT 0,
    "paidBytesUp" BIGINT NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'Computed',
    "blockedReason" TEXT
);
INSERT INTO "new_Epoch" ("bytesUp", "computedAt", "configVersion", "day", "emissionCapMicro", "freeRiders", "freeRidersInGrace", "nodes", "paidMicro", "paidNodes", "scale", "unscaledMicro") SELECT "bytesUp", "computedAt", "configVersion", "day", "emissionCapMicro", "freeRiders", "freeRidersInGrace", "nodes", "paidMicro", "paidNodes", "scale", "unscaledMicro" FROM "Epoch";
DROP TABLE "Epoch";
ALTER TABLE "new_Epoch" RENAME TO "Epoch";
CREATE TABLE "new_RewardLedgerEntry" (
    "day" DATETIME NOT NULL,
    "nodeId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "uptimeSeconds" INTEGER NOT NULL,
    "windowSeconds" INTEGER NOT NULL,
    "bytesUp" BIGINT NOT NULL,
    "bytesDown" BIGINT NOT NULL,
    "latencyMsSeconds" BIGINT NOT NULL,
    "corroboratedBytesUp" BIGINT NOT NULL DEFAULT 0,
    "paidBytesUp" BIGINT NOT NULL DEFAULT 0,
    "clusterPrefix" TEXT,
    "classification" TEXT NOT NULL,
    "unscaledMicro" BIGINT NOT NULL,
    "rewardMicro" BIGINT NOT NULL,
    "speed" REAL NOT NULL,
    "reliability" REAL NOT NULL,
    "contribution" REAL NOT NULL,
    "score" REAL NOT NULL,
    "ratingBefore" REAL NOT NULL,
    "rating" REAL NOT NULL,

    PRIMARY KEY ("day", "nodeId"),
    CONSTRAINT "RewardLedgerEntry_day_fkey" FOREIGN KEY ("day") REFERENCES "Epoch" ("day") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RewardLedgerEntry_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RewardLedgerEntry" ("bytesDown", "bytesUp", "classification", "contribution", "day", "latencyMsSeconds", "nodeId", "operatorId", "rating", "ratingBefore", "reliability", "rewardMicro", "score", "speed", "unscaledMicro", "uptimeSeconds", "windowSeconds") SELECT "bytesDown", "bytesUp", "classification", "contribution", "day", "latencyMsSeconds", "nodeId", "operatorId", "rating", "ratingBefore", "reliability", "rewardMicro", "score", "speed", "unscaledMicro", "uptimeSeconds", "windowSeconds" FROM "RewardLedgerEntry";
DROP TABLE "RewardLedgerEntry";
ALTER TABLE "new_RewardLedgerEntry" RENAME TO "RewardLedgerEntry";
CREATE INDEX "RewardLedgerEntry_nodeId_day_idx" ON "RewardLedgerEntry"("nodeId", "day");
CREATE INDEX "RewardLedgerEntry_operatorId_day_idx" ON "RewardLedgerEntry"("operatorId", "day");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "NodeHourlyPresence_hourStart_idx" ON "NodeHourlyPresence"("hourStart");

-- CreateIndex
CREATE INDEX "NodePeerDayTraffic_day_idx" ON "NodePeerDayTraffic"("day");


-- Backfill: epochs computed before peer corroboration paid every claimed byte, so their paid bytes are their claimed bytes
UPDATE "Epoch" SET "paidBytesUp" = "bytesUp";
UPDATE "RewardLedgerEntry" SET "paidBytesUp" = "bytesUp";

-- Backfill: presence before it was recorded is read from the hours the rollups hold reports for
INSERT INTO "NodeHourlyPresence" ("nodeId", "hourStart", "requests")
SELECT "nodeId", "hourStart", "samples" FROM "NodeHourlyRollup" WHERE "samples" > 0;
