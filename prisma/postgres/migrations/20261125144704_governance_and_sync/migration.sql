-- CreateTable
CREATE TABLE "Proposal" (
    "id" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleSearch" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'Draft',
    "baseVersion" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "discussionEndsAt" TIMESTAMP(3),
    "queuedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closeReason" TEXT,
    "closedById" TEXT,

    CONSTRAINT "Proposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProposalChange" (
    "proposalId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "fromValue" DOUBLE PRECISION NOT NULL,
    "toValue" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ProposalChange_pkey" PRIMARY KEY ("proposalId","key")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "threadKey" TEXT NOT NULL,
    "parentId" TEXT,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" TIMESTAMP(3),
    "hiddenAt" TIMESTAMP(3),
    "hiddenReason" TEXT,
    "hiddenById" TEXT,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GovernanceEvent" (
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "type" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "GovernanceEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "NodeSync" (
    "nodeId" TEXT NOT NULL,
    "desiredVersion" INTEGER NOT NULL,
    "acknowledgedVersion" INTEGER,
    "acknowledgedSha256" TEXT,
    "observedVersion" INTEGER,
    "observedSha256" TEXT,
    "status" TEXT NOT NULL DEFAULT 'Pending',
    "failureCount" INTEGER NOT NULL DEFAULT 0,
    "failingSince" TIMESTAMP(3),
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "nextReadBackAt" TIMESTAMP(3),
    "lastAttemptAt" TIMESTAMP(3),
    "lastError" TEXT,
    "nackedVersion" INTEGER,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NodeSync_pkey" PRIMARY KEY ("nodeId")
);

-- CreateTable
CREATE TABLE "SyncAttempt" (
    "id" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "version" INTEGER,
    "httpStatus" INTEGER,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "replyExcerpt" TEXT,
    "workerId" TEXT NOT NULL,

    CONSTRAINT "SyncAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkerLease" (
    "name" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkerLease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "SyncCoverageSample" (
    "at" TIMESTAMP(3) NOT NULL,
    "latestVersion" INTEGER NOT NULL,
    "nodes" INTEGER NOT NULL,
    "synced" INTEGER NOT NULL,
    "byStatus" TEXT NOT NULL,

    CONSTRAINT "SyncCoverageSample_pkey" PRIMARY KEY ("at")
);

-- CreateIndex
CREATE INDEX "Proposal_state_updatedAt_idx" ON "Proposal"("state", "updatedAt");

-- CreateIndex
CREATE INDEX "Proposal_authorId_state_idx" ON "Proposal"("authorId", "state");

-- CreateIndex
CREATE INDEX "Proposal_titleSearch_idx" ON "Proposal"("titleSearch");

-- CreateIndex
CREATE INDEX "ProposalChange_key_idx" ON "ProposalChange"("key");

-- CreateIndex
CREATE INDEX "ProposalChange_category_idx" ON "ProposalChange"("category");

-- CreateIndex
CREATE INDEX "Comment_threadKey_parentId_createdAt_idx" ON "Comment"("threadKey", "parentId", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_parentId_createdAt_idx" ON "Comment"("parentId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "GovernanceEvent_hash_key" ON "GovernanceEvent"("hash");

-- CreateIndex
CREATE INDEX "GovernanceEvent_subject_seq_idx" ON "GovernanceEvent"("subject", "seq");

-- CreateIndex
CREATE INDEX "NodeSync_nextAttemptAt_idx" ON "NodeSync"("nextAttemptAt");

-- CreateIndex
CREATE INDEX "NodeSync_status_idx" ON "NodeSync"("status");

-- CreateIndex
CREATE INDEX "SyncAttempt_nodeId_startedAt_idx" ON "SyncAttempt"("nodeId", "startedAt");

-- CreateIndex
CREATE INDEX "SyncAttempt_startedAt_idx" ON "SyncAttempt"("startedAt");

-- AddForeignKey
ALTER TABLE "Proposal" ADD CONSTRAINT "Proposal_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalChange" ADD CONSTRAINT "ProposalChange_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NodeSync" ADD CONSTRAINT "NodeSync_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncAttempt" ADD CONSTRAINT "SyncAttempt_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

