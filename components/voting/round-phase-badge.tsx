import { Badge } from "@/components/ui/badge";

const PHASES = {
  open: { tone: "warning", label: "Voting open", description: "Operators can cast and change ballots now." },
  counting: {
    tone: "info",
    label: "Counting",
    description: "Voting time is over; the ballots are being recounted and the outcome ratified.",
  },
  closed: { tone: "neutral", label: "Closed", description: "Decided: every proposal has its outcome." },
} as const;

/** Where a round stands, in words; the colour only repeats it. */
export function RoundPhaseBadge({ phase }: { phase: keyof typeof PHASES }) {
  const { tone, label, description } = PHASES[phase];
  return (
    <Badge tone={tone} title={description}>
      {label}
    </Badge>
  );
}
