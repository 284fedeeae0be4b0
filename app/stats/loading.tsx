import { Skeleton } from "@/components/ui/skeleton";

const SECTIONS = [3, 2, 2, 2];

export default function Loading() {
  return (
    <div>
      <p role="status" className="sr-only">
        Loading network stats…
      </p>
      <Skeleton className="h-10 w-72 max-w-full" />
      <Skeleton className="mt-4 h-5 w-full max-w-2xl" />
      <Skeleton className="mt-2 mb-8 h-5 w-2/3 max-w-xl" />
      <Skeleton className="mb-6 h-13 w-96 max-w-full" />
      <div className="mb-12 grid grid-cols-2 gap-4 lg:grid-cols-5">
        {Array.from({ length: 5 }, (_, index) => (
          <Skeleton key={index} className="h-32" />
        ))}
      </div>
      {SECTIONS.map((cards, section) => (
        <div key={section} className="mb-12">
          <Skeleton className="h-8 w-64 max-w-full" />
          <Skeleton className="mt-2 mb-4 h-5 w-full max-w-2xl" />
          <div className="grid gap-6 md:grid-cols-2">
            {Array.from({ length: cards }, (_, card) => (
              <Skeleton key={card} className="h-96" />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
