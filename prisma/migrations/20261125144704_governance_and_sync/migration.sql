-- CreateTable
CREATE TABLE "Proposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "authorId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleSearch" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'Draft',
    "baseVersion" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "publishedAt" DATETIME,
    "discussionEndsAt" DATETIME,
    "queuedAt" DATETIME,
    "closedAt" DATETIME,
    "closeReason" TEXT,
    "closedById" TEXT,
    CONSTRAINT "Proposal_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Operator" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProposalChange" (
    "proposalId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "fromValue" REAL NOT NULL,
    "toValue" REAL NOT NULL,

    PRIMARY KEY ("proposalId", "key"),
    CONSTRAINT "ProposalChange_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "threadKey" TEXT NOT NULL,
    "parentId" TEXT,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" DATETIME,
    "hiddenAt" DATETIME,
    "hiddenReason" TEXT,
    "hiddenById" TEXT,
    CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Operator" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GovernanceEvent" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "type" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "NodeSync" (
    "nodeId" TEXT NOT NULL PRIMARY KEY,
    "desiredVersion" INTEGER NOT NULL,
    "acknowledgedVersion" INTEGER,
    "acknowledgedSha256" TEXT,
    "observedVersion" INTEGER,
    "observedSha256" TEXT,
    "status" TEXT NOT NULL DEFAULT 'Pending',
    "failureCount" INTEGER NOT NULL DEFAULT 0,
    "failingSince" DATETIME,
    "nextAttemptAt" DATETIME NOT NULL,
    "nextReadBackAt" DATETIME,
    "lastAttemptAt" DATETIME,
    "lastError" TEXT,
    "nackedVersion" INTEGER,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "NodeSync_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SyncAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "nodeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "version" INTEGER,
    "httpStatus" INTEGER,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "replyExcerpt" TEXT,
    "workerId" TEXT NOT NULL,
    CONSTRAINT "SyncAttempt_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkerLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "owner" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SyncCoverageSample" (
    "at" DATETIME NOT NULL PRIMARY KEY,
    "latestVersion" INTEGER NOT NULL,
    "nodes" INTEGER NOT NULL,
    "synced" INTEGER NOT NULL,
    "byStatus" TEXT NOT NULL
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

