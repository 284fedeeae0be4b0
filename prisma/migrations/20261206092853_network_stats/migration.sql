-- CreateTable
CREATE TABLE "NodeHourlyRollup" (
    "nodeId" TEXT NOT NULL,
    "hourStart" DATETIME NOT NULL,
    "samples" INTEGER NOT NULL,
    "windowSeconds" INTEGER NOT NULL,
    "uptimeSeconds" INTEGER NOT NULL,
    "bytesUp" BIGINT NOT NULL,
    "bytesDown" BIGINT NOT NULL,
    "latencyMsSeconds" BIGINT NOT NULL,
    "peerSeconds" BIGINT NOT NULL,

    PRIMARY KEY ("nodeId", "hourStart"),
    CONSTRAINT "NodeHourlyRollup_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NodeDailyRollup" (
    "nodeId" TEXT NOT NULL,
    "day" DATETIME NOT NULL,
    "samples" INTEGER NOT NULL,
    "windowSeconds" INTEGER NOT NULL,
    "uptimeSeconds" INTEGER NOT NULL,
    "bytesUp" BIGINT NOT NULL,
    "bytesDown" BIGINT NOT NULL,
    "latencyMsSeconds" BIGINT NOT NULL,
    "peerSeconds" BIGINT NOT NULL,

    PRIMARY KEY ("nodeId", "day"),
    CONSTRAINT "NodeDailyRollup_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NetworkHourlyRollup" (
    "hourStart" DATETIME NOT NULL PRIMARY KEY,
    "nodes" INTEGER NOT NULL,
    "samples" INTEGER NOT NULL,
    "windowSeconds" BIGINT NOT NULL,
    "uptimeSeconds" BIGINT NOT NULL,
    "bytesUp" BIGINT NOT NULL,
    "bytesDown" BIGINT NOT NULL,
    "latencyMsSeconds" BIGINT NOT NULL,
    "peerSeconds" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "NetworkDailyRollup" (
    "day" DATETIME NOT NULL PRIMARY KEY,
    "nodes" INTEGER NOT NULL,
    "samples" INTEGER NOT NULL,
    "windowSeconds" BIGINT NOT NULL,
    "uptimeSeconds" BIGINT NOT NULL,
    "bytesUp" BIGINT NOT NULL,
    "bytesDown" BIGINT NOT NULL,
    "latencyMsSeconds" BIGINT NOT NULL,
    "peerSeconds" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "Epoch" (
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
    "bytesUp" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "RewardLedgerEntry" (
    "day" DATETIME NOT NULL,
    "nodeId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "uptimeSeconds" INTEGER NOT NULL,
    "windowSeconds" INTEGER NOT NULL,
    "bytesUp" BIGINT NOT NULL,
    "bytesDown" BIGINT NOT NULL,
    "latencyMsSeconds" BIGINT NOT NULL,
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

-- CreateIndex
CREATE INDEX "NodeHourlyRollup_hourStart_idx" ON "NodeHourlyRollup"("hourStart");

-- CreateIndex
CREATE INDEX "NodeDailyRollup_day_idx" ON "NodeDailyRollup"("day");

-- CreateIndex
CREATE INDEX "RewardLedgerEntry_nodeId_day_idx" ON "RewardLedgerEntry"("nodeId", "day");

-- CreateIndex
CREATE INDEX "RewardLedgerEntry_operatorId_day_idx" ON "RewardLedgerEntry"("operatorId", "day");

