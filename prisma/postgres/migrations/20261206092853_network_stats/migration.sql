-- CreateTable
CREATE TABLE "NodeHourlyRollup" (
    "nodeId" TEXT NOT NULL,
    "hourStart" TIMESTAMP(3) NOT NULL,
    "samples" INTEGER NOT NULL,
    "windowSeconds" INTEGER NOT NULL,
    "uptimeSeconds" INTEGER NOT NULL,
    "bytesUp" BIGINT NOT NULL,
    "bytesDown" BIGINT NOT NULL,
    "latencyMsSeconds" BIGINT NOT NULL,
    "peerSeconds" BIGINT NOT NULL,

    CONSTRAINT "NodeHourlyRollup_pkey" PRIMARY KEY ("nodeId","hourStart")
);

-- CreateTable
CREATE TABLE "NodeDailyRollup" (
    "nodeId" TEXT NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "samples" INTEGER NOT NULL,
    "windowSeconds" INTEGER NOT NULL,
    "uptimeSeconds" INTEGER NOT NULL,
    "bytesUp" BIGINT NOT NULL,
    "bytesDown" BIGINT NOT NULL,
    "latencyMsSeconds" BIGINT NOT NULL,
    "peerSeconds" BIGINT NOT NULL,

    CONSTRAINT "NodeDailyRollup_pkey" PRIMARY KEY ("nodeId","day")
);

-- CreateTable
CREATE TABLE "NetworkHourlyRollup" (
    "hourStart" TIMESTAMP(3) NOT NULL,
    "nodes" INTEGER NOT NULL,
    "samples" INTEGER NOT NULL,
    "windowSeconds" BIGINT NOT NULL,
    "uptimeSeconds" BIGINT NOT NULL,
    "bytesUp" BIGINT NOT NULL,
    "bytesDown" BIGINT NOT NULL,
    "latencyMsSeconds" BIGINT NOT NULL,
    "peerSeconds" BIGINT NOT NULL,

    CONSTRAINT "NetworkHourlyRollup_pkey" PRIMARY KEY ("hourStart")
);

-- CreateTable
CREATE TABLE "NetworkDailyRollup" (
    "day" TIMESTAMP(3) NOT NULL,
    "nodes" INTEGER NOT NULL,
    "samples" INTEGER NOT NULL,
    "windowSeconds" BIGINT NOT NULL,
    "uptimeSeconds" BIGINT NOT NULL,
    "bytesUp" BIGINT NOT NULL,
    "bytesDown" BIGINT NOT NULL,
    "latencyMsSeconds" BIGINT NOT NULL,
    "peerSeconds" BIGINT NOT NULL,

    CONSTRAINT "NetworkDailyRollup_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "Epoch" (
    "day" TIMESTAMP(3) NOT NULL,
    "configVersion" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "nodes" INTEGER NOT NULL,
    "paidNodes" INTEGER NOT NULL,
    "freeRiders" INTEGER NOT NULL,
    "freeRidersInGrace" INTEGER NOT NULL,
    "emissionCapMicro" BIGINT NOT NULL,
    "unscaledMicro" BIGINT NOT NULL,
    "paidMicro" BIGINT NOT NULL,
    "scale" DOUBLE PRECISION NOT NULL,
    "bytesUp" BIGINT NOT NULL,

    CONSTRAINT "Epoch_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "RewardLedgerEntry" (
    "day" TIMESTAMP(3) NOT NULL,
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
    "speed" DOUBLE PRECISION NOT NULL,
    "reliability" DOUBLE PRECISION NOT NULL,
    "contribution" DOUBLE PRECISION NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "ratingBefore" DOUBLE PRECISION NOT NULL,
    "rating" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "RewardLedgerEntry_pkey" PRIMARY KEY ("day","nodeId")
);

-- CreateIndex
CREATE INDEX "NodeHourlyRollup_hourStart_idx" ON "NodeHourlyRollup"("hourStart");

-- CreateIndex
CREATE INDEX "NodeDailyRollup_day_idx" ON "NodeDailyRollup"("day");

-- CreateIndex
CREATE INDEX "RewardLedgerEntry_nodeId_day_idx" ON "RewardLedgerEntry"("nodeId", "day");

-- CreateIndex
CREATE INDEX "RewardLedgerEntry_operatorId_day_idx" ON "RewardLedgerEntry"("operatorId", "day");

-- AddForeignKey
ALTER TABLE "NodeHourlyRollup" ADD CONSTRAINT "NodeHourlyRollup_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NodeDailyRollup" ADD CONSTRAINT "NodeDailyRollup_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RewardLedgerEntry" ADD CONSTRAINT "RewardLedgerEntry_day_fkey" FOREIGN KEY ("day") REFERENCES "Epoch"("day") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RewardLedgerEntry" ADD CONSTRAINT "RewardLedgerEntry_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

