const WIDTH = 96;
const HEIGHT = 28;
const PADDING = 3;

/** A node's rating over time as a tiny line drawn on the server; `label` says in words what it shows. */
export function RatingSparkline({
  points,
  label,
}: {
  points: readonly { day: Date; rating: number }[];
  label: string;
}) {
  if (points.length < 2) return null;
  const times = points.map((point) => point.day.getTime());
  const ratings = points.map((point) => point.rating);
  const [firstTime, lastTime] = [Math.min(...times), Math.max(...times)];
  const [low, high] = [Math.min(...ratings), Math.max(...ratings)];
  const x = (time: number) =>
    PADDING +
    (lastTime === firstTime ? 0 : ((time - firstTime) / (lastTime - firstTime)) * (WIDTH - 2 * PADDING));
  // A flat rating is drawn across the middle rather than stuck to an edge.
  const y = (rating: number) =>
    high === low ? HEIGHT / 2 : PADDING + ((high - rating) / (high - low)) * (HEIGHT - 2 * PADDING);
  const coordinates = points.map(
    (point) => `${x(point.day.getTime()).toFixed(1)},${y(point.rating).toFixed(1)}`,
  );
  const last = points[points.length - 1]!;
  return (
    <svg
      role="img"
      aria-label={label}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="shrink-0 text-accent"
    >
      <polyline
        points={coordinates.join(" ")}
        fill="none"
        stroke="currentColor"
        strokeWidth={1.5}
        strokeLinejoin="round"
        strokeLinecap="round"
      />
      <circle cx={x(last.day.getTime())} cy={y(last.rating)} r={2.5} fill="currentColor" />
    </svg>
  );
}
