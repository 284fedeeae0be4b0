-- CreateIndex
CREATE INDEX "Operator_createdAt_idx" ON "Operator"("createdAt");

