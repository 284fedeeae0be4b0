import { Badge } from "@/components/ui/badge";

const STATUS_TONES = { Active: "success", Gone: "neutral" } as const;

/** A node's status as a badge: active is good news, gone is neutral, anything else needs a look. */
export function NodeStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={status in STATUS_TONES ? STATUS_TONES[status as keyof typeof STATUS_TONES] : "warning"}>
      {status}
    </Badge>
  );
}
