import type { Metadata } from "next";
import Link from "next/link";
import { configVersionHref } from "@/components/config-links";
import { ExplorePanel } from "@/components/explore/explore-panel";
import { NotReady } from "@/components/not-ready";
import { CurrentValueAndRange, ParameterEffects } from "@/components/parameters/parameter-facts";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { loadWhenReady } from "@/lib/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Parameters",
  description: "The network's reward and governance rules in plain language, with their current values.",
};

function parameterHref(key: string): string {
  return `/parameters/${encodeURIComponent(key)}`;
}

function categoryAnchor(id: string): string {
  return `category-${id}`;
}

/** A search id from the address (`?explore=…`), when it looks like one. */
function exploreRunIdFrom(value: string | string[] | undefined): string | null {
  return typeof value === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : null;
}

export default async function ParametersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const initialRunId = exploreRunIdFrom((await searchParams).explore);
  const result = await loadWhenReady(async (api) => {
    const [catalogue, overview] = await Promise.all([api.parameters.catalogue(), api.network.overview()]);
    return { catalogue, latestVersion: overview.latestVersion };
  });
  if (!result.ready) return <NotReady />;
  const { catalogue, latestVersion } = result.data;

  return (
    <>
      <PageHeader
        title="Parameters"
        description={
          <p>
            The rules every node follows, grouped by what they govern. Values are those of{" "}
            <Link href={configVersionHref(catalogue.version, latestVersion)}>
              config version {catalogue.version}
            </Link>
            , in force now. Any operator can propose a new value; it changes only after a vote.
          </p>
        }
      />

      <nav
        aria-labelledby="categories-heading"
        className="mb-10 rounded-lg border border-border bg-surface p-5"
      >
        <h2 id="categories-heading" className="text-base font-semibold">
          On this page
        </h2>
        <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          <li>
            <a href="#explore">Explore: let the model suggest changes</a>
          </li>
          {catalogue.categories.map((category) => (
            <li key={category.id}>
              <a href={`#${categoryAnchor(category.id)}`}>
                {category.label} <span className="text-muted-foreground">({category.parameters.length})</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <section
        id="explore"
        aria-labelledby="explore-heading"
        className="mb-14 scroll-mt-6 rounded-lg border border-border bg-surface p-4 sm:p-6"
      >
        <h2 id="explore-heading" className="text-2xl font-semibold">
          Explore: let the model suggest changes
        </h2>
        <p className="mt-1 mb-6 max-w-3xl text-muted-foreground">
          Pick what you want the network to do better. Plenum tries many combinations of the reward,
          free-rider, peer selection and role rules on a model of the network as it stands (30 simulated
          days), and suggests up to five that get closest to the goal while changing the least. Nothing
          changes unless someone proposes a suggestion and the community votes for it.
        </p>
        <ExplorePanel initialRunId={initialRunId} />
      </section>

      <div className="space-y-14">
        {catalogue.categories.map((category) => (
          <section
            key={category.id}
            id={categoryAnchor(category.id)}
            aria-labelledby={`${categoryAnchor(category.id)}-heading`}
            className="scroll-mt-6"
          >
            <h2 id={`${categoryAnchor(category.id)}-heading`} className="text-2xl font-semibold">
              {category.label}
            </h2>
            <p className="mt-1 mb-6 max-w-3xl text-muted-foreground">{category.description}</p>
            <div className="space-y-5">
              {category.parameters.map((parameter) => (
                <Card key={parameter.key} id={parameter.key} className="scroll-mt-6">
                  <article aria-labelledby={`${parameter.key}-label`}>
                    <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                      <h3 id={`${parameter.key}-label`} className="text-xl font-semibold">
                        <Link
                          href={parameterHref(parameter.key)}
                          className="text-foreground no-underline hover:text-foreground hover:underline"
                        >
                          {parameter.label}
                        </Link>
                      </h3>
                      <code className="text-sm text-muted-foreground">{parameter.key}</code>
                    </div>
                    <p className="mt-2 max-w-3xl">{parameter.description}</p>
                    <dl className="mt-4 grid max-w-2xl gap-4 sm:grid-cols-2">
                      <CurrentValueAndRange parameter={parameter} size="medium" />
                    </dl>
                    <ParameterEffects parameter={parameter} headingLevel="h4" />
                    <p className="mt-4">
                      <Link href={parameterHref(parameter.key)}>
                        Details and discussion<span className="sr-only"> of {parameter.label}</span>
                        <span aria-hidden="true"> →</span>
                      </Link>
                    </p>
                  </article>
                </Card>
              ))}
            </div>
          </section>
        ))}
      </div>
    </>
  );
}
