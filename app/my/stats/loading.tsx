import { PageSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return <PageSkeleton label="Loading your nodes' service and rewards…" rows={8} />;
}
