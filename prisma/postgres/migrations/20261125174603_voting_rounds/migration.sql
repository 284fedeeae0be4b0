-- AlterTable
ALTER TABLE "Node" ADD COLUMN     "firstReportedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Round" (
    "id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'Open',
    "isOpen" BOOLEAN DEFAULT true,
    "opensAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "rulesVersion" INTEGER NOT NULL,
    "creditsPerNode" INTEGER NOT NULL,
    "quorum" DOUBLE PRECISION NOT NULL,
    "metaSupermajority" DOUBLE PRECISION NOT NULL,
    "eligibleNodes" INTEGER NOT NULL,
    "ballotCount" INTEGER NOT NULL DEFAULT 0,
    "headReceipt" TEXT NOT NULL DEFAULT '',
    "configVersion" INTEGER,
    "closeBlockedReason" TEXT,

    CONSTRAINT "Round_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoundProposal" (
    "roundId" TEXT NOT NULL,
    "proposalId" TEXT NOT NULL,
    "touchesGov" BOOLEAN NOT NULL,
    "net" INTEGER NOT NULL DEFAULT 0,
    "support" INTEGER NOT NULL DEFAULT 0,
    "opposition" INTEGER NOT NULL DEFAULT 0,
    "participatingNodes" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT,
    "reason" TEXT,

    CONSTRAINT "RoundProposal_pkey" PRIMARY KEY ("roundId","proposalId")
);

-- CreateTable
CREATE TABLE "RoundVoter" (
    "roundId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "eligibleNodes" INTEGER NOT NULL,
    "budget" INTEGER NOT NULL,
    "countedBallotId" TEXT,

    CONSTRAINT "RoundVoter_pkey" PRIMARY KEY ("roundId","operatorId")
);

-- CreateTable
CREATE TABLE "RoundEligibleNode" (
    "roundId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,

    CONSTRAINT "RoundEligibleNode_pkey" PRIMARY KEY ("roundId","nodeId")
);

-- CreateTable
CREATE TABLE "Ballot" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "operatorId" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "allocations" TEXT NOT NULL,
    "cost" INTEGER NOT NULL,
    "prevReceipt" TEXT NOT NULL,
    "receipt" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "nodeId" TEXT,
    "replacedAt" TIMESTAMP(3),

    CONSTRAINT "Ballot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Round_number_key" ON "Round"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Round_isOpen_key" ON "Round"("isOpen");

-- CreateIndex
CREATE INDEX "Round_state_closesAt_idx" ON "Round"("state", "closesAt");

-- CreateIndex
CREATE UNIQUE INDEX "RoundProposal_proposalId_key" ON "RoundProposal"("proposalId");

-- CreateIndex
CREATE UNIQUE INDEX "RoundVoter_countedBallotId_key" ON "RoundVoter"("countedBallotId");

-- CreateIndex
CREATE INDEX "RoundVoter_operatorId_idx" ON "RoundVoter"("operatorId");

-- CreateIndex
CREATE INDEX "RoundEligibleNode_roundId_operatorId_idx" ON "RoundEligibleNode"("roundId", "operatorId");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_receipt_key" ON "Ballot"("receipt");

-- CreateIndex
CREATE INDEX "Ballot_roundId_operatorId_idx" ON "Ballot"("roundId", "operatorId");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_roundId_seq_key" ON "Ballot"("roundId", "seq");

-- AddForeignKey
ALTER TABLE "RoundProposal" ADD CONSTRAINT "RoundProposal_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundProposal" ADD CONSTRAINT "RoundProposal_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundVoter" ADD CONSTRAINT "RoundVoter_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundVoter" ADD CONSTRAINT "RoundVoter_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundVoter" ADD CONSTRAINT "RoundVoter_countedBallotId_fkey" FOREIGN KEY ("countedBallotId") REFERENCES "Ballot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundEligibleNode" ADD CONSTRAINT "RoundEligibleNode_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundEligibleNode" ADD CONSTRAINT "RoundEligibleNode_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Backfill: a node that reported before this column existed started its proof of service when the
-- platform received its earliest telemetry sample (the server's clock, which a node cannot backdate).
UPDATE "Node" SET "firstReportedAt" = (
    SELECT MIN("TelemetrySample"."receivedAt") FROM "TelemetrySample" WHERE "TelemetrySample"."nodeId" = "Node"."id"
) WHERE "firstReportedAt" IS NULL;
