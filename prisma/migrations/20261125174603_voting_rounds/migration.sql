-- AlterTable
ALTER TABLE "Node" ADD COLUMN "firstReportedAt" DATETIME;

-- CreateTable
CREATE TABLE "Round" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'Open',
    "isOpen" BOOLEAN DEFAULT true,
    "opensAt" DATETIME NOT NULL,
    "closesAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "rulesVersion" INTEGER NOT NULL,
    "creditsPerNode" INTEGER NOT NULL,
    "quorum" REAL NOT NULL,
    "metaSupermajority" REAL NOT NULL,
    "eligibleNodes" INTEGER NOT NULL,
    "ballotCount" INTEGER NOT NULL DEFAULT 0,
    "headReceipt" TEXT NOT NULL DEFAULT '',
    "configVersion" INTEGER,
    "closeBlockedReason" TEXT
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

    PRIMARY KEY ("roundId", "proposalId"),
    CONSTRAINT "RoundProposal_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoundProposal_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoundVoter" (
    "roundId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "eligibleNodes" INTEGER NOT NULL,
    "budget" INTEGER NOT NULL,
    "countedBallotId" TEXT,

    PRIMARY KEY ("roundId", "operatorId"),
    CONSTRAINT "RoundVoter_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoundVoter_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RoundVoter_countedBallotId_fkey" FOREIGN KEY ("countedBallotId") REFERENCES "Ballot" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoundEligibleNode" (
    "roundId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,

    PRIMARY KEY ("roundId", "nodeId"),
    CONSTRAINT "RoundEligibleNode_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoundEligibleNode_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Ballot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "operatorId" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL,
    "allocations" TEXT NOT NULL,
    "cost" INTEGER NOT NULL,
    "prevReceipt" TEXT NOT NULL,
    "receipt" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "nodeId" TEXT,
    "replacedAt" DATETIME,
    CONSTRAINT "Ballot_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "Round" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Ballot_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
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

-- Backfill: a node that reported before this column existed started its proof of service when the
-- platform received its earliest telemetry sample (the server's clock, which a node cannot backdate).
UPDATE "Node" SET "firstReportedAt" = (
    SELECT MIN("TelemetrySample"."receivedAt") FROM "TelemetrySample" WHERE "TelemetrySample"."nodeId" = "Node"."id"
) WHERE "firstReportedAt" IS NULL;
